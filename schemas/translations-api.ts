import * as z from 'zod'
import { BODY_ERRORS, IF_MATCH_ERRORS, MANAGE_PORTAL, portalManageErrors } from './api-errors.ts'
import { EXAMPLE_IDS, type RouteError, defineRoute } from './route-registry.ts'
import {
  labelViewSchema,
  modifyLabelsSchema,
  translationUpdatePreviewSchema,
  translationUpdateResultSchema,
  translationsViewSchema,
  updateTranslationsSchema,
} from './translations.ts'
import { etagHeader, ifMatchHeaders, newEtagHeader } from './versioning.ts'

const admin = { bearer: 'admin' } as const
const tags = ['Translations'] as const
const portalId = z.string().describe('The portal’s id')
const portalParams = z.object({ portalId })
const languageParams = z.object({ portalId, language: z.string().describe('A language tag, like fr-FR') })
const MANAGE = MANAGE_PORTAL
const errors = (...more: ReadonlyArray<readonly RouteError[]>) =>
  portalManageErrors([{ status: 409, codes: ['instance_not_found'] }], ...more)
const LANGUAGE_ERRORS: readonly RouteError[] = [
  { status: 400, codes: ['invalid_language'] },
  { status: 404, codes: ['translation_language_not_installed'] },
]
const labels = z.object({ labels: z.array(labelViewSchema) })

/** `GET /v1/admin/portals/{portalId}/translations` */
export const getTranslations = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}/translations',
  operationId: 'getTranslations',
  summary: 'The portal’s metadata translations',
  description: `What is installed, per language and package. ${MANAGE}`,
  tags,
  security: admin,
  request: { params: portalParams },
  responses: { 200: { description: 'The translations', schema: translationsViewSchema } },
  errors: errors(),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, status: 200 },
})

/** `GET /v1/admin/portals/{portalId}/translations/update` */
export const previewTranslationUpdate = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}/translations/update',
  operationId: 'previewTranslationUpdate',
  summary: 'Get latest metadata translations: what an update would do',
  description: `The confirmation step. ${MANAGE}`,
  tags,
  security: admin,
  request: { params: portalParams },
  responses: { 200: { description: 'What would change', schema: translationUpdatePreviewSchema } },
  errors: errors(),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, status: 200 },
})

/** `POST /v1/admin/portals/{portalId}/translations/update` */
export const updateTranslations = defineRoute({
  method: 'post',
  path: '/v1/admin/portals/{portalId}/translations/update',
  operationId: 'updateTranslations',
  summary: 'Get latest metadata translations',
  description: `Imports the latest translations; labels a user modified are kept. Needs \`{"confirm": true}\`. ${MANAGE}`,
  tags,
  security: admin,
  request: { params: portalParams, body: { schema: updateTranslationsSchema } },
  responses: { 200: { description: 'What was imported', schema: translationUpdateResultSchema } },
  errors: errors(BODY_ERRORS, [
    { status: 400, codes: ['confirmation_required'] },
    { status: 409, codes: ['solutions_installing'] },
  ]),
  example: { params: { portalId: EXAMPLE_IDS.portalId }, body: { confirm: true }, status: 200 },
})

/** `GET /v1/admin/portals/{portalId}/translations/{language}/labels` */
export const getTranslationLabels = defineRoute({
  method: 'get',
  path: '/v1/admin/portals/{portalId}/translations/{language}/labels',
  operationId: 'getTranslationLabels',
  summary: 'A language’s labels',
  description: MANAGE,
  tags,
  security: admin,
  request: { params: languageParams },
  responses: { 200: { description: 'The labels', headers: etagHeader, schema: labels } },
  errors: errors(LANGUAGE_ERRORS),
  example: { params: { portalId: EXAMPLE_IDS.portalId, language: 'fr-FR' }, status: 200 },
})

/** `PATCH /v1/admin/portals/{portalId}/translations/{language}/labels` */
export const modifyTranslationLabels = defineRoute({
  method: 'patch',
  path: '/v1/admin/portals/{portalId}/translations/{language}/labels',
  operationId: 'modifyTranslationLabels',
  summary: 'Modify a language’s labels',
  description:
    'Modified labels survive later updates. Send the labels’ ETag as `If-Match` and the change goes ahead only ' +
    `on that version; otherwise 412 \`version_mismatch\` with the current labels. ${MANAGE}`,
  tags,
  security: admin,
  request: { headers: ifMatchHeaders, params: languageParams, body: { schema: modifyLabelsSchema } },
  responses: { 200: { description: 'The labels', headers: newEtagHeader, schema: labels } },
  errors: errors(IF_MATCH_ERRORS, BODY_ERRORS, LANGUAGE_ERRORS, [
    { status: 404, codes: ['label_not_found'] },
  ]),
  example: {
    params: { portalId: EXAMPLE_IDS.portalId, language: 'fr-FR' },
    body: { labels: { portal_home_title: 'Accueil' } },
    status: 404,
  },
})

/** Metadata translations. */
export const TRANSLATIONS_API = [
  getTranslations,
  previewTranslationUpdate,
  updateTranslations,
  getTranslationLabels,
  modifyTranslationLabels,
] as const
