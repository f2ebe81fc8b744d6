import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_ROUTES } from '../../schemas/index.ts'
import { startTestCore } from '../support/test-core.ts'

let t: Awaited<ReturnType<typeof startTestCore>>

beforeAll(async () => {
  // Every optional part on, so that every route the app can register is registered.
  t = await startTestCore({
    metricsToken: 'scrape-token-0123456789',
    widget: { demoCase: async () => null },
  })
})
afterAll(async () => {
  await t.close()
  t.remove()
})

/** Hono's `/v1/hubs/:hubId` and `/widget/*` in OpenAPI's form. */
const toOpenApiPath = (path: string): string =>
  path
    .replace(/:(\w+)/g, '{$1}')
    .replace(/\/\*$/, '/{path}')
    .replace(/(.)\/$/, '$1')

const registered = () => {
  const seen = new Set<string>()
  for (const r of t.app.routes) {
    // Middleware (`app.use`) registers as ALL; handlers register under their method.
    if (r.method === 'ALL') continue
    seen.add(`${r.method} ${toOpenApiPath(r.path)}`)
  }
  return [...seen].sort()
}
const documented = () => API_ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort()

describe('the route registry', () => {
  it('finds the routes the app registers', () => {
    expect(registered().length).toBeGreaterThan(40)
  })

  it('documents every route the app registers', () => {
    const missing = registered().filter((r) => !documented().includes(r))
    expect(missing, 'describe these routes in schemas/ (see docs/api-contract.md)').toEqual([])
  })

  it('documents no route the app does not register', () => {
    const extra = documented().filter((r) => !registered().includes(r))
    expect(extra).toEqual([])
  })

  it('gives every operation a unique operationId, a summary, tags and an example', () => {
    const ids = API_ROUTES.map((r) => r.operationId)
    expect(new Set(ids).size).toBe(ids.length)
    for (const r of API_ROUTES) {
      expect(r.summary, r.operationId).not.toBe('')
      expect(r.tags.length, r.operationId).toBeGreaterThan(0)
      expect(r.example, `${r.operationId} needs an example`).toBeDefined()
    }
  })
})
