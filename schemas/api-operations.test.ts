import { describe, expect, it } from 'vitest'
import { resolveCall } from './api-client-lite.ts'
import { API_OPERATIONS } from './api-operations.ts'
import { API_ROUTES } from './api-routes.ts'

describe('API_OPERATIONS (the lite client’s table)', () => {
  it('holds exactly the method and path of every API operation in API_ROUTES', () => {
    const expected = Object.fromEntries(
      API_ROUTES.filter((r) => !('page' in r && r.page)).map((r) => [r.operationId, [r.method, r.path]]),
    )
    const drift = Object.keys({ ...expected, ...API_OPERATIONS }).filter(
      (id) =>
        JSON.stringify((API_OPERATIONS as Record<string, unknown>)[id]) !== JSON.stringify(expected[id]),
    )
    const lines = drift.map((id) =>
      expected[id] ? `  ${id}: ['${expected[id][0]}', '${expected[id][1]}'],` : `  remove ${id}`,
    )
    expect(lines, `schemas/api-operations.ts drifted from API_ROUTES:\n${lines.join('\n')}`).toEqual([])
  })
})

describe('resolveCall', () => {
  it('fills and encodes path params, drops empty query values and keeps the body', () => {
    const call = resolveCall('listQuarantine', {
      params: { hubId: 'a b/c' },
      query: { limit: 10, code: undefined },
    } as never)
    expect(call).toMatchObject({ method: 'GET', path: '/v1/admin/hubs/a%20b%2Fc/quarantine?limit=10' })
    expect(resolveCall('createHub', { body: { name: 'x' } })).toMatchObject({
      method: 'POST',
      path: '/v1/admin/hubs',
      body: { name: 'x' },
    })
  })
  it('refuses a missing path param', () => {
    expect(() => resolveCall('getPortal', { params: {} } as never)).toThrow(/params.portalId/)
  })
})
