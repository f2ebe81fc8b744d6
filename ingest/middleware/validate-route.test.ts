import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { defineRoute } from '../../schemas/index.ts'
import type { AppEnv } from '../app-env.ts'
import { errorHandler } from './error-handler.ts'
import { validateRoute } from './validate-route.ts'

const route = defineRoute({
  method: 'post',
  path: '/things/{thingId}',
  operationId: 'putThing',
  summary: 'A thing',
  tags: ['Test'],
  security: null,
  request: {
    params: z.object({ thingId: z.uuid({ error: 'thingId must be a uuid' }) }),
    query: z.strictObject({ dryRun: z.enum(['true', 'false']).optional() }),
    body: { schema: z.strictObject({ name: z.string().min(1, { error: 'name must not be empty' }) }) },
  },
  responses: { 200: { description: 'ok', schema: z.object({ name: z.string() }) } },
})
const app = new Hono<AppEnv>()
app.onError(errorHandler())
app.post('/things/:thingId', validateRoute(route), (c) =>
  c.json({ ...c.var.input.body, ...c.var.input.query }),
)

const ID = '5f2d7c1a-8e34-4b6f-a9d2-3c4e5f6a7b22'
const post = (path: string, body: string, type = 'application/json') =>
  app.request(path, { method: 'POST', headers: { 'content-type': type }, body })
const errorOf = async (res: Response) => ((await res.json()) as { error: Record<string, string> }).error

describe('validateRoute', () => {
  it('hands the handler the parsed input', async () => {
    const res = await post(`/things/${ID}?dryRun=true`, '{"name":"a"}')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ name: 'a', dryRun: 'true' })
  })

  it('names a bad path parameter', async () => {
    const res = await post('/things/nope', '{"name":"a"}')
    expect(res.status).toBe(400)
    expect(await errorOf(res)).toMatchObject({ code: 'invalid_uuid', field: 'thingId' })
  })

  it('words an unknown query parameter for a query, not a body', async () => {
    const res = await post(`/things/${ID}?colour=red`, '{"name":"a"}')
    expect(await errorOf(res)).toEqual({
      code: 'unknown_parameter',
      field: 'colour',
      message: 'colour is not a query parameter of this route',
    })
  })

  it('words an unknown body field for a request body, not an interaction', async () => {
    const res = await post(`/things/${ID}`, '{"name":"a","colour":"red"}')
    expect(await errorOf(res)).toEqual({
      code: 'unknown_field',
      field: 'colour',
      message: 'colour is not a field of this request body',
    })
  })

  it('refuses a body that is not JSON, or of another media type, with its own codes', async () => {
    expect(await errorOf(await post(`/things/${ID}`, '{'))).toMatchObject({ code: 'invalid_json' })
    const res = await post(`/things/${ID}`, 'name=a', 'application/x-www-form-urlencoded')
    expect(res.status).toBe(415)
    expect(await errorOf(res)).toMatchObject({ code: 'unsupported_content_type' })
  })

  it('says when the body is not an object at all', async () => {
    expect(await errorOf(await post(`/things/${ID}`, '[1]'))).toMatchObject({
      code: 'invalid_body',
      message: 'the body must be a JSON object',
    })
  })

  it('keeps a field’s own message and code', async () => {
    expect(await errorOf(await post(`/things/${ID}`, '{"name":""}'))).toEqual({
      code: 'too_short',
      field: 'name',
      message: 'name must not be empty',
    })
  })
})
