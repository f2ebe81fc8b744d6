import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { projectRoot } from './project-root.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

describe('projectRoot', () => {
  it('finds the directory of package.json from the sources', () => {
    expect(join(projectRoot(), '/')).toBe(ROOT)
    expect(existsSync(join(projectRoot(), 'package.json'))).toBe(true)
  })

  it('finds the same directory from deeper down, where the bundle is (dist/server)', () => {
    expect(join(projectRoot(join(ROOT, 'dist', 'server')), '/')).toBe(ROOT)
    expect(join(projectRoot(join(ROOT, 'ingest', 'routes')), '/')).toBe(ROOT)
  })

  it('says so when no directory above has a package.json', () => {
    expect(() => projectRoot('/')).toThrow(/no package\.json in \/ or any directory above it/)
  })
})
