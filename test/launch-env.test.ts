import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { serverEnv } from '../bench/bench-support.ts'

// glibc reads MALLOC_ARENA_MAX as the process starts, so only a launcher can set it: the
// server's launchers and the bench's (which must measure what ships) say the same
// (README "Memory and concurrent reads").
const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')

describe("the server's launchers", () => {
  it('start it with two glibc arenas: npm start, the image and the bench', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start
    expect(start).toMatch(/MALLOC_ARENA_MAX=\$\{MALLOC_ARENA_MAX:-2\} node dist\/server\/start\.js/)
    expect(read('deploy/Dockerfile')).toMatch(/^ENV .*\bMALLOC_ARENA_MAX=2\b/m)
    const saved = process.env.MALLOC_ARENA_MAX
    delete process.env.MALLOC_ARENA_MAX
    try {
      expect(serverEnv('/tmp/unused', 1).MALLOC_ARENA_MAX).toBe('2')
    } finally {
      if (saved !== undefined) process.env.MALLOC_ARENA_MAX = saved
    }
  })
})
