import { type Context, Hono } from 'hono'
import { type Core, DomainError, canonicalLanguageTag } from '../../core/index.ts'
import { API } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { type RecordLocks, lockRecord, versioned } from '../middleware/if-match.ts'
import { validateRoute as v } from '../middleware/validate-route.ts'

/** A language tag from the path, canonical (`fr-fr` -> `fr-FR`), or `invalid_language`. */
function languageParam(tag: string): string {
  const language = canonicalLanguageTag(tag)
  if (!language) {
    throw new DomainError(
      'invalid',
      'invalid_language',
      `${JSON.stringify(tag)} is not a language tag like fr-FR`,
      'language',
    )
  }
  return language
}

/**
 * "Get latest metadata translations" under
 * `/v1/admin/portals/{portalId}/translations`: what is installed, the
 * confirmation step (`GET .../update`), the update (`POST .../update` with
 * `{"confirm": true}`), and a language's labels, which a user may modify.
 * Every call needs the seed's manage permission on the portal.
 */
export function translationRoutes(deps: { core: Pick<Core, 'translations'>; locks: RecordLocks }) {
  const translations = deps.core.translations
  const app = new Hono<AppEnv>()
  // One lock for a portal's translations: the update rewrites every language's labels.
  const record = (c: Context<AppEnv>) => `translations:${c.req.param('portalId')}`
  const labelsVersion = versioned({
    locks: deps.locks,
    record,
    current: async (c) => ({
      labels: await translations.labels(
        c.get('principal'),
        c.req.param('portalId')!,
        languageParam(c.req.param('language')!),
      ),
    }),
  })
  app.get('/:portalId/translations', v(API.getTranslations), async (c) =>
    c.json(await translations.view(c.get('principal'), c.req.param('portalId'))),
  )
  app.get('/:portalId/translations/update', v(API.previewTranslationUpdate), async (c) =>
    c.json(await translations.preview(c.get('principal'), c.req.param('portalId'))),
  )
  app.post(
    '/:portalId/translations/update',
    v(API.updateTranslations),
    lockRecord(deps.locks, record),
    async (c) => {
      const body = c.var.input.body
      return c.json(await translations.update(c.get('principal'), c.req.param('portalId'), body))
    },
  )
  app.get('/:portalId/translations/:language/labels', v(API.getTranslationLabels), labelsVersion, async (c) =>
    c.json({
      labels: await translations.labels(
        c.get('principal'),
        c.req.param('portalId'),
        languageParam(c.req.param('language')),
      ),
    }),
  )
  app.patch(
    '/:portalId/translations/:language/labels',
    v(API.modifyTranslationLabels),
    labelsVersion,
    async (c) => {
      const body = c.var.input.body
      return c.json({
        labels: await translations.modifyLabels(
          c.get('principal'),
          c.req.param('portalId'),
          languageParam(c.req.param('language')),
          body,
        ),
      })
    },
  )
  return app
}
