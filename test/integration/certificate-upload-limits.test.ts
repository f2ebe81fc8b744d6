import { monitorEventLoopDelay } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_PFX_ITERATIONS } from '../../schemas/index.ts'
import { type TestLeaf, makeLeaf, opensslPfx } from '../support/certificates.ts'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'

/**
 * A certificate upload is caller-chosen work: a `.pfx` names its own
 * key-derivation iteration counts. Issue 20 item 2: `-iter 2000000` held the
 * event loop 24 s. Here the loop's delay is measured (perf_hooks) while
 * another request is served during the worst uploads: over the cap (refused
 * before any derivation) and at the cap (derived on a worker thread). The
 * 200 ms bound is on blocking, not on speed: the upload itself may take long.
 */

const PASSWORD = 'upload-limits-password'
let t: PortalTestCore
let portalId: string
let leaf: TestLeaf

const upload = (pfx: Buffer, password = PASSWORD, token?: string) => {
  const path = `/v1/admin/portals/${portalId}/custom-domain/certificates`
  const body = { pfx: pfx.toString('base64'), password }
  return token ? t.call(token, 'POST', path, body) : t.admin('POST', path, body)
}

/** Runs `work` while /health is asked again and again; answers its result and the loop's worst delay in ms. */
async function whileServing<T>(
  work: () => Promise<T>,
): Promise<{ result: T; maxDelayMs: number; served: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 })
  histogram.enable()
  let done = false
  let served = 0
  const other = (async () => {
    while (!done) {
      const res = await t.app.request('/health')
      expect(res.status).toBe(200)
      served++
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  })()
  try {
    const result = await work()
    return { result, maxDelayMs: histogram.max / 1e6, served }
  } finally {
    done = true
    await other
    histogram.disable()
  }
}

beforeAll(async () => {
  t = await startPortalTestCore()
  const instance = await t.createInstance()
  portalId = (await t.provisionAndWait(instance.id, { subdomain: 'limits' })).id
  leaf = makeLeaf({ dnsNames: ['help.limits.example'] })
  // One ordinary upload first, so what is measured is the file's work, not the first
  // load of the code an upload runs (module loads and compilation happen once per process).
  const warm = await upload(opensslPfx(leaf.certPem, leaf.keyPem, PASSWORD))
  if (warm.status !== 201) throw new Error(`the warm-up upload failed: ${JSON.stringify(warm.body)}`)
})

afterAll(async () => {
  await t?.close()
  t?.remove()
})

describe('certificate uploads bound the work a file asks for', () => {
  it('refuses -iter 2000000 before any key derivation, naming the cap, while other requests are served', async () => {
    const pfx = opensslPfx(leaf.certPem, leaf.keyPem, PASSWORD, undefined, { iter: 2_000_000 })
    const { result: res, maxDelayMs, served } = await whileServing(() => upload(pfx))
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({
      error: {
        code: 'certificate_iterations_too_high',
        field: 'pfx',
        message: expect.stringContaining(String(MAX_PFX_ITERATIONS)),
      },
    })
    expect(served).toBeGreaterThan(0)
    expect(maxDelayMs).toBeLessThan(200)
  })

  it('opens a file at the cap on a worker thread: the loop stays under 200 ms of delay', async () => {
    // The MAC's 20,000 PKCS#12 iterations run in node-forge's JavaScript, off the event loop.
    const pfx = opensslPfx(leaf.certPem, leaf.keyPem, PASSWORD, undefined, { iter: MAX_PFX_ITERATIONS })
    const { result: res, maxDelayMs, served } = await whileServing(() => upload(pfx))
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(served).toBeGreaterThan(0)
    expect(maxDelayMs).toBeLessThan(200)
  })

  it('refuses a user after five wrong passwords with 429 and Retry-After; another user still uploads', async () => {
    const pfx = opensslPfx(leaf.certPem, leaf.keyPem, PASSWORD)
    for (let i = 0; i < 5; i++) {
      const res = await upload(pfx, `wrong-${i}`)
      expect(res.body).toMatchObject({ error: { code: 'certificate_password_incorrect' } })
    }
    // Even the right password: the file cannot be used to guess at the server's expense.
    const refused = await upload(pfx)
    expect(refused.status).toBe(429)
    expect(refused.body).toMatchObject({
      error: { code: 'certificate_password_attempts', field: 'password' },
    })
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)

    const other = await t.createUser('Other admin', [{ role: 'global_administrator' }])
    expect((await upload(pfx, PASSWORD, other.token)).status).toBe(201)
  })
})
