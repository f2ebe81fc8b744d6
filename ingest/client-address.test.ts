import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { clientAddress } from './client-address.ts'

const appWith = (trustProxy: boolean) => {
  const app = new Hono()
  app.get('/', (c) => c.json({ ip: clientAddress(c, { trustProxy }) }))
  return app
}
const ipOf = async (app: Hono, headers: Record<string, string>, env?: unknown) =>
  ((await (await app.request('/', { headers }, env)).json()) as { ip: string | null }).ip

describe('clientAddress', () => {
  const socketEnv = { incoming: { socket: { remoteAddress: '192.0.2.10' } } }

  it('reads the TCP peer and ignores X-Forwarded-For when no proxy is trusted', async () => {
    expect(await ipOf(appWith(false), { 'x-forwarded-for': '203.0.113.7' }, socketEnv)).toBe('192.0.2.10')
  })

  it('takes the left-most X-Forwarded-For entry behind a trusted proxy', async () => {
    expect(await ipOf(appWith(true), { 'x-forwarded-for': '203.0.113.7, 10.0.0.2' }, socketEnv)).toBe(
      '203.0.113.7',
    )
  })

  it('falls back to the peer behind a trusted proxy that sent no header', async () => {
    expect(await ipOf(appWith(true), {}, socketEnv)).toBe('192.0.2.10')
  })

  it('knows no address for a request that came from no socket', async () => {
    expect(await ipOf(appWith(false), { 'x-forwarded-for': '203.0.113.7' })).toBeNull()
  })
})
