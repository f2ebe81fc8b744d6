import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// `npm ci` refuses a lock that lacks an entry for any optional dependency,
// even one for another platform that this registry does not carry (npm/cli
// #9846). `node tools/repair-lock.mjs` after `npm install` adds the stubs.
describe('package-lock.json', () => {
  it('has an entry for every optional dependency, so npm ci accepts it', () => {
    const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as {
      packages: Record<string, { optionalDependencies?: Record<string, string> }>
    }
    const missing: string[] = []
    for (const [path, meta] of Object.entries(lock.packages)) {
      for (const dep of Object.keys(meta.optionalDependencies ?? {})) {
        const nested = `${path ? `${path}/` : ''}node_modules/${dep}`
        if (!lock.packages[nested] && !lock.packages[`node_modules/${dep}`])
          missing.push(`${dep} (of ${path || 'the root'})`)
      }
    }
    expect(missing, 'run: node tools/repair-lock.mjs').toEqual([])
  })
})
