import { compileErrors, validate } from '@readme/openapi-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_ROUTES } from '../../schemas/index.ts'
import { startTestCore } from '../support/test-core.ts'

let t: Awaited<ReturnType<typeof startTestCore>>
/** The document, read as loosely typed JSON: each test looks at the parts it checks. */
// biome-ignore lint/suspicious/noExplicitAny: a JSON document under test
type Json = any
let doc: Json

beforeAll(async () => {
  t = await startTestCore()
  const res = await t.app.request('/openapi.json')
  expect(res.status).toBe(200)
  doc = (await res.json()) as Json
})
afterAll(async () => {
  await t.close()
  t.remove()
})

describe('GET /openapi.json', () => {
  it('passes an OpenAPI 3.1 validator', async () => {
    const result = await validate(structuredClone(doc) as never)
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true)
    expect(doc.openapi).toBe('3.1.0')
  })

  it('holds every registered operation, with its security, error codes and example', () => {
    const ops = Object.values(doc.paths as Record<string, Record<string, Json>>).flatMap((p) =>
      Object.values(p),
    )
    expect(ops.map((o) => o.operationId).sort()).toEqual(API_ROUTES.map((r) => r.operationId).sort())
    const ingest = doc.paths['/v1/hubs/{hubId}/interactions'].post
    expect(ingest.security).toEqual([{ SharedAccessSignature: ['send'] }])
    expect(
      ingest.responses['401'].content['application/json'].schema.oneOf ??
        ingest.responses['401'].content['application/json'].schema.allOf,
    ).toBeDefined()
    expect(JSON.stringify(ingest.responses['401'])).toContain('token_expired')
    expect(ingest['x-casetrail-example']).toMatchObject({ status: 202 })
    const createHub = doc.paths['/v1/admin/hubs'].post
    expect(createHub.security).toEqual([{ AdminBearer: [] }])
    expect(createHub.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      required: ['name'],
      additionalProperties: false,
    })
    expect(createHub.requestBody.content['application/json'].example).toEqual({ name: 'Contoso support' })
  })

  it('documents the journey query from the schema the route validates with', () => {
    const params = doc.paths['/v1/hubs/{hubId}/contacts/{contactId}/journey'].get.parameters as Array<{
      name: string
      in: string
      required: boolean
    }>
    expect(params).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'hubId', in: 'path', required: true }),
        expect.objectContaining({ name: 'before', in: 'query', required: true }),
        expect.objectContaining({ name: 'window', in: 'query', required: false }),
      ]),
    )
  })
})
