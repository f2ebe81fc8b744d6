import { describe, expect, it } from 'vitest'
import { checkerSentence } from '../admin-ui/testing.ts'
import { packagesFor } from '../core/index.ts'
import { CHECKS, FILE_TRACKING_SETTING, PAGE_TRACKING_SETTING, said, sentenceOf } from '../core/testing.ts'

/**
 * The findings of a broken portal, said in French and German. These sentences
 * show only on an unhealthy portal, so the every-page translation sweep never
 * sees them: each check runs here against broken records (missing parents and
 * templates, failed packages, a draft empty CSS file, no website record, tracking
 * on) and its details, worded as the console words them, must not be the English.
 */

const TYPE = 'partner_field_service'
const page = (
  id: string,
  parentPageId: string | null,
  publishingState = 'Published',
  templateId = 'full-page',
) => ({
  id,
  name: id,
  partialUrl: id,
  parentPageId,
  publishingState,
  templateId,
})
const packages = new Map(
  packagesFor(TYPE).map((p) => [
    p.id,
    ['partner_portal', 'partner_field_service'].includes(p.id)
      ? { status: 'Install Failed', error: { code: 'package_install_failed', message: 'boom' } }
      : { status: 'Installed', error: null },
  ]),
)

const brokenPortal = {
  portal: { id: 'p1', portalType: TYPE, subdomain: 'contoso', status: 'provisioned' },
  site: {
    website: null,
    pages: [
      page('home', null),
      page('draft', null, 'Draft'),
      page('lost', 'gone', 'Published', 'no-such-template'),
      page('hidden', 'draft'),
      page('lost-too', 'gone-too', 'Published', 'other-missing'),
    ],
    templates: new Map([['full-page', {}]]),
    files: [
      {
        id: 'theme-css',
        partialUrl: 'theme.css',
        publishingState: 'Draft',
        content: ' ',
        contentType: 'text/plain',
      },
    ],
    settings: new Map([
      [PAGE_TRACKING_SETTING, 'true'],
      [FILE_TRACKING_SETTING, 'true'],
      ['Header/OutputCache/Enabled', 'false'],
      ['Footer/OutputCache/Enabled', 'no'],
    ]),
  },
  packages,
  instance: { installedSolutions: [] },
  subdomainOwner: 'p2',
  url: 'http://contoso.example.test',
  fetchSite: async () => ({ status: 404, contentType: 'text/html', body: 'not found', ms: 1 }),
}

/** Each check, and English words that must not be left in its French or German details. */
const UNHEALTHY: Record<string, string[]> = {
  'configuration-page-parents': ['which does not exist', 'sits under', 'which is'],
  'provisioning-packages': ['is Install Failed'],
  'provisioning-prerequisites': [' needs ', 'not installed', 'solution on the instance'],
  'configuration-css-web-file': [' is Draft', ' is empty', 'MIME type', ' answered '],
  'startup-website-binding': ['website record', 'is bound to another portal'],
  'configuration-page-templates': ['names template', 'which does not exist'],
  'performance-page-tracking': [' and ', ' on'],
  'performance-output-cache': [' is '],
}

describe('the findings of a broken portal in French and German', () => {
  for (const [checkId, english] of Object.entries(UNHEALTHY)) {
    it(`${checkId} says its details in the language`, async () => {
      const check = CHECKS.find((c) => c.id === checkId)!
      const finding = await check.run(brokenPortal as never)
      expect(finding.result).not.toBe('pass')
      if (finding.result === 'not_run') throw new Error('expected a finding')
      const details = said(finding.details)
      for (const lang of ['fr', 'de'] as const) {
        const words = checkerSentence(lang, JSON.parse(JSON.stringify(sentenceOf(details))), details.text)
        expect(words, lang).not.toBe(details.text)
        expect(words, lang).not.toMatch(/\{\d+\}/)
        for (const w of english) expect(words, `${lang}: ${w}`).not.toContain(w)
      }
    })
  }
})

describe('the languages of a translation finding', () => {
  it('are named in the console’s language, the API’s English text naming them in English', async () => {
    const check = CHECKS.find((c) => c.id === 'translations-metadata')!
    const translations = {
      missingTranslations: async () => ({
        activated: ['en-US', 'fr-FR', 'ar-SA'],
        missing: ['fr-FR'],
        unavailable: ['ar-SA'],
      }),
    }
    const finding = await check.run({ ...brokenPortal, translations } as never)
    if (finding.result !== 'error') throw new Error(`expected an error, got ${finding.result}`)
    const details = said(finding.details)
    expect(details.text).toContain('Arabic (Saudi Arabia) (ar-SA)')
    const sentence = JSON.parse(JSON.stringify(sentenceOf(details)))
    expect(checkerSentence('fr', sentence, details.text)).toBe(
      'activées sans traductions de métadonnées\u202f: français (France) (fr-FR)\u202f; aucune traduction n’est livrée pour arabe (Arabie saoudite) (ar-SA)',
    )
    expect(checkerSentence('de', sentence, details.text)).toContain('Arabisch (Saudi-Arabien) (ar-SA)')
  })
})
