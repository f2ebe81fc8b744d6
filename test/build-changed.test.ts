import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BUILDS, type BuildTarget, recordBuild, staleBuilds } from '../tools/build-changed.mjs'

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

/** A project with two builds: `a` from `a/` and `shared/`, `b` from `b/` and `shared/`. */
function project(): { root: string; builds: BuildTarget[] } {
  const root = mkdtempSync(join(tmpdir(), 'casetrail-build-changed-'))
  roots.push(root)
  for (const [file, text] of [
    ['a/index.ts', 'export const a = 1'],
    ['a/index.test.ts', 'test'],
    ['b/index.ts', 'export const b = 1'],
    ['shared/index.ts', 'export const s = 1'],
    ['a/dist/out.js', 'built'],
    ['b/dist/out.js', 'built'],
  ] as const) {
    mkdirSync(join(root, file, '..'), { recursive: true })
    writeFileSync(join(root, file), text)
  }
  const builds = [
    { name: 'a', script: 'a/build.ts', sources: ['a', 'shared'], outDir: 'a/dist' },
    { name: 'b', script: 'b/build.ts', sources: ['b', 'shared'], outDir: 'b/dist' },
  ]
  return { root, builds }
}

describe('build-changed (what npm start rebuilds)', () => {
  it('builds everything the first time, then nothing while no source changes', () => {
    const { root, builds } = project()
    expect(staleBuilds(root, builds).map((b) => b.name)).toEqual(['a', 'b'])
    for (const build of builds) recordBuild(root, build)
    expect(staleBuilds(root, builds)).toEqual([])
  })

  it('rebuilds only the build whose source changed, and both when a shared one did', () => {
    const { root, builds } = project()
    for (const build of builds) recordBuild(root, build)
    writeFileSync(join(root, 'b/index.ts'), 'export const b = 2')
    expect(staleBuilds(root, builds).map((b) => b.name)).toEqual(['b'])
    recordBuild(root, builds[1]!)
    writeFileSync(join(root, 'shared/new-file.ts'), 'export const n = 1')
    expect(staleBuilds(root, builds).map((b) => b.name)).toEqual(['a', 'b'])
  })

  it('ignores test files and its own output, and rebuilds when the output is gone', () => {
    const { root, builds } = project()
    for (const build of builds) recordBuild(root, build)
    writeFileSync(join(root, 'a/index.test.ts'), 'changed test')
    writeFileSync(join(root, 'a/dist/out.js'), 'rebuilt elsewhere')
    expect(staleBuilds(root, builds)).toEqual([])
    rmSync(join(root, 'a/dist'), { recursive: true })
    mkdirSync(join(root, 'a/dist'))
    expect(staleBuilds(root, builds).map((b) => b.name)).toEqual(['a'])
  })
})

describe('build-changed BUILDS (the real builds)', () => {
  const ROOT = resolve(import.meta.dirname, '..')
  const importsOf = (file: string): string[] =>
    [
      ...readFileSync(file, 'utf8').matchAll(
        /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
      ),
    ].map((m) => (m[1] ?? m[2])!)
  const filesUnder = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? ['dist', 'node_modules'].includes(e.name)
          ? []
          : filesUnder(join(dir, e.name))
        : /\.(ts|tsx|mjs)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)
          ? [join(dir, e.name)]
          : [],
    )

  it.each(BUILDS.map((b) => [b.name, b] as const))(
    'lists as sources of %s every file its script and its folder import',
    (_, build) => {
      // From the build script and every file of its own folder, follow the project's own imports:
      // each file reached is read by the build, so a change to it must rebuild it.
      const reached = new Set<string>()
      const queue = [join(ROOT, build.script), ...filesUnder(join(ROOT, build.sources[0]!))]
      while (queue.length > 0) {
        const file = queue.pop()!
        if (reached.has(file)) continue
        reached.add(file)
        for (const spec of importsOf(file)) if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec))
      }
      const outside = [...reached]
        .map((file) => relative(ROOT, file))
        .filter((file) => !build.sources.some((s) => file === s || file.startsWith(`${s}/`)))
      expect(outside).toEqual([])
    },
  )
})
