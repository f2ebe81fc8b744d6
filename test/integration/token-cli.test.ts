import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseSasToken } from '../../core/index.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'ingest/token-cli.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  })
const KEY = Buffer.alloc(32, 7).toString('base64')

describe('npm run token', () => {
  it('prints the usage and examples, and exits 0, for --help and for no arguments', () => {
    for (const args of [['--help'], ['-h'], []]) {
      const r = run(args)
      expect(r.status).toBe(0)
      expect(r.stdout).toContain('usage: npm run -s token')
      expect(r.stdout).toContain('examples:')
      expect(r.stdout).toContain('createApiClient')
    }
  })

  it('refuses a key that is not a hub key’s shape, naming the placeholder', () => {
    const r = run(['--url', 'http://localhost:8787', '--hub', 'h1', '--key', '<primaryKey>'])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('a placeholder')
    expect(r.stdout).toBe('')
  })

  it('mints a portal token from CASETRAIL_HUB_KEY', () => {
    const r = run(['--url', 'http://localhost:8787/', '--hub', 'h1', '--portal', 'p1', '--ttl', '60'], {
      CASETRAIL_HUB_KEY: KEY,
    })
    expect(r.status).toBe(0)
    expect(parseSasToken(r.stdout.trim())).toMatchObject({
      ok: true,
      token: { encodedResource: encodeURIComponent('http://localhost:8787/v1/hubs/h1/portals/p1') },
    })
  })
})
