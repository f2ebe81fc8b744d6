import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from '../app-env.ts'
import { errorHandler } from './error-handler.ts'
import { inFlightLimit } from './in-flight-limit.ts'

/** A three-line app whose requests stay in flight until released. */
function heldApp(limit: Parameters<typeof inFlightLimit>[0]) {
  const gates: Array<() => void> = []
  const app = new Hono<AppEnv>()
  app.onError(errorHandler())
  app.post('/:key', inFlightLimit(limit), async (c) => {
    await new Promise<void>((resolve) => gates.push(resolve))
    return c.text('ok')
  })
  const releaseAll = () => {
    for (const g of gates.splice(0)) g()
  }
  return { app, releaseAll, held: () => gates.length }
}

describe('inFlightLimit', () => {
  it('counts per key: one key at its limit leaves another served', async () => {
    const { app, releaseAll, held } = heldApp({
      max: 2,
      key: (c) => c.req.param('key'),
      code: 'hub_too_many_requests',
      scope: 'for this hub (SOME_KEY)',
    })
    const a1 = app.request('/a', { method: 'POST' })
    const a2 = app.request('/a', { method: 'POST' })
    await expect.poll(held).toBe(2)
    const a3 = await app.request('/a', { method: 'POST' })
    expect(a3.status).toBe(429)
    expect(a3.headers.get('retry-after')).toBe('1')
    expect(await a3.json()).toMatchObject({
      error: { code: 'hub_too_many_requests', message: expect.stringContaining('SOME_KEY') },
    })
    const b = app.request('/b', { method: 'POST' })
    await expect.poll(held).toBe(3)
    releaseAll()
    expect((await a1).status).toBe(200)
    expect((await a2).status).toBe(200)
    expect((await b).status).toBe(200)
    // Slots come back once requests end.
    const again = app.request('/a', { method: 'POST' })
    await expect.poll(held).toBe(1)
    releaseAll()
    expect((await again).status).toBe(200)
  })

  it('without a key, counts every request together', async () => {
    const { app, releaseAll, held } = heldApp({ max: 1 })
    const first = app.request('/a', { method: 'POST' })
    await expect.poll(held).toBe(1)
    const refused = await app.request('/b', { method: 'POST' })
    expect(await refused.json()).toMatchObject({ error: { code: 'too_many_requests' } })
    releaseAll()
    expect((await first).status).toBe(200)
  })
})
