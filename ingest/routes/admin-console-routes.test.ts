import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { errorHandler } from '../middleware/error-handler.ts'
import { ADMIN_CSP, adminConsoleRoutes } from './admin-console-routes.tsx'

const dist = mkdtempSync(join(tmpdir(), 'casetrail-admin-dist-'))
mkdirSync(join(dist, 'chunks'))
writeFileSync(join(dist, 'casetrail-admin.js'), 'console.log("entry")')
writeFileSync(join(dist, 'casetrail-admin.js.gz'), gzipSync('console.log("entry")'))
writeFileSync(join(dist, 'chunks', 'hubs-page-ABCDEFGH.js'), 'export const x = 1')
writeFileSync(join(tmpdir(), 'secret.js'), 'nope')
const app = adminConsoleRoutes({ distDir: dist })
app.onError(errorHandler())
afterAll(() => rmSync(dist, { recursive: true, force: true }))

describe('adminConsoleRoutes', () => {
  it('answers the shell for /admin and any page under it, under a policy without inline code', async () => {
    for (const path of ['/admin', '/admin/portals/42']) {
      const res = await app.request(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-security-policy')).toBe(ADMIN_CSP)
      expect(res.headers.get('cache-control')).toBe('no-store')
      const html = await res.text()
      expect(html).toMatch(/^<!doctype html><html lang="en">/)
      expect(html).toContain('<script type="module" src="/admin/assets/casetrail-admin.js"></script>')
      expect(html).not.toMatch(/<script>|<style>|style="/)
      // A favicon the policy allows (img-src data:), so the tab is not a blank page icon.
      expect(html).toMatch(/<link rel="icon" type="image\/svg\+xml" href="data:image\/svg\+xml,/)
    }
    expect(ADMIN_CSP).not.toContain('unsafe')
  })

  it('serves the built files, gzip when asked, hashed chunks as immutable', async () => {
    const entry = await app.request('/admin/assets/casetrail-admin.js', {
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(entry.headers.get('content-encoding')).toBe('gzip')
    expect(entry.headers.get('cache-control')).toBe('no-cache')
    const chunk = await app.request('/admin/assets/chunks/hubs-page-ABCDEFGH.js')
    expect(await chunk.text()).toBe('export const x = 1')
    expect(chunk.headers.get('cache-control')).toContain('immutable')
  })

  it('refuses paths outside the folder and unknown files with admin_asset_not_found', async () => {
    // `/admin/assets/../x` is normalised by URL parsing to `/admin/x` (the shell) before any route sees it.
    for (const path of [
      '/admin/assets/..%2fsecret.js',
      '/admin/assets/chunks/..%2f..%2fsecret.js',
      '/admin/assets/nope.js',
    ]) {
      const res = await app.request(path)
      expect(res.status).toBe(404)
      expect(await res.json()).toMatchObject({ error: { code: 'admin_asset_not_found' } })
    }
  })
})
