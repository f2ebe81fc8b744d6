import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..')
const MODULES = [
  'schemas',
  'core',
  'demo',
  'portal-sites',
  'ingest',
  'chart-style',
  'journey-ui',
  'admin-ui',
] as const
type Module = (typeof MODULES)[number]

/**
 * Which modules each module may import: `schemas <- core <- demo <- ingest`, `schemas <- journey-ui`,
 * `schemas <- admin-ui` (the console talks to the server only through the public API). The demo
 * seeds through core's face; nothing in core knows it. Both UIs draw with one palette and chart
 * style (`schemas <- chart-style <- journey-ui, admin-ui`). Portals' site pages are presentation
 * (`schemas, core <- portal-sites <- ingest`): core keeps the site records and their rules and is
 * handed the pages (SitePages) by the entry point, so it never imports them.
 */
const ALLOWED: Record<Module, readonly Module[]> = {
  schemas: [],
  core: ['schemas'],
  demo: ['schemas', 'core'],
  'portal-sites': ['schemas', 'core'],
  ingest: ['schemas', 'core', 'demo', 'portal-sites'],
  'chart-style': ['schemas'],
  'journey-ui': ['schemas', 'chart-style'],
  'admin-ui': ['schemas', 'chart-style'],
}
/** npm packages a module may use; anything else is a wrong dependency. */
const PACKAGES: Record<Module, RegExp> = {
  schemas: /^zod$/,
  demo: /^(zod|node:.+)$/,
  // openid-client: portal visitors' OpenID Connect sign-in (issue 29).
  core: /^(zod|ajv|@clickhouse\/client|chdb|chdb\/connection|@electric-sql\/pglite|pg|prom-client|node-forge|lru-cache|openid-client|node:.+)$/,
  // hono/jsx alone: escape-by-default templates, rendered to strings (no server, no DOM).
  'portal-sites': /^hono\/jsx(\/jsx-runtime)?$/,
  // esbuild: ingest/build.ts bundles the server for npm start; nothing the server runs imports it.
  ingest: /^(zod|hono(\/.+)?|@hono\/node-server(\/.+)?|pino|prom-client|swagger-ui-dist|esbuild|node:.+)$/,
  // No package at all: the palette and the chart style are plain values both UIs bundle.
  'chart-style': /^$/,
  'journey-ui': /^(zod|preact(\/.+)?|echarts(\/.+)?|esbuild|node:.+)$/,
  'admin-ui': /^(zod|preact(\/.+)?|echarts(\/.+)?|openapi-fetch|esbuild|node:.+)$/,
}

/**
 * The build scripts: tooling beside a module's code, run by `npm run build`, never bundled. They
 * may use `tools/` (the browser builds' shared esbuild options and gzip sizes), which no module's
 * code may import: what the UIs bundle stays on `schemas/` and `chart-style/` alone.
 */
const BUILD_SCRIPTS = ['journey-ui/build.ts', 'admin-ui/build.ts', 'ingest/build.ts']

function sources(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...sources(path))
    else if (/\.(ts|tsx)$/.test(name)) out.push(path)
  }
  return out
}

/** Every .ts/.tsx/.mjs file of the repository (modules, tests, bench, tools), not dependencies. */
function repoSources(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'dist', 'test-artifacts'].includes(name) || name.startsWith('.')) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...repoSources(path))
    else if (/\.(ts|tsx|mjs)$/.test(name)) out.push(path)
  }
  return out
}

/** The local names of `{ a, type B, c as d }` (the exported side: a, B, c). */
const namesIn = (list: string): string[] =>
  list
    .split(',')
    .map((part) =>
      part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]!
        .trim(),
    )
    .filter(Boolean)

const importsOf = (file: string): string[] =>
  [
    ...readFileSync(file, 'utf8').matchAll(
      /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => (m[1] ?? m[2])!)

/** Source without line and block comments (JSDoc examples may name process.env). */
const withoutComments = (text: string): string =>
  text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')

const moduleOf = (path: string): Module | null => {
  const top = relative(ROOT, path).split('/')[0]
  return (MODULES as readonly string[]).includes(top!) ? (top as Module) : null
}

const files = MODULES.flatMap((m) => sources(join(ROOT, m)).map((file) => ({ file, module: m })))

describe('architecture', () => {
  it('finds the sources it checks', () => {
    expect(files.length).toBeGreaterThan(20)
  })

  it('imports only in the allowed direction, and other modules only through their index.ts', () => {
    const wrong: string[] = []
    for (const { file, module } of files) {
      const isTest = /\.test\.tsx?$/.test(file)
      for (const spec of importsOf(file)) {
        const where = `${relative(ROOT, file)} imports ${spec}`
        if (spec.startsWith('.')) {
          const target = resolve(file, '..', spec)
          const other = moduleOf(target)
          if (other === null) {
            const tooling =
              BUILD_SCRIPTS.includes(relative(ROOT, file)) && relative(ROOT, target).startsWith('tools/')
            if (!isTest && !tooling) wrong.push(`${where} (outside the modules)`)
          } else if (other !== module) {
            const face = relative(join(ROOT, other), target)
            if (!ALLOWED[module].includes(other))
              wrong.push(`${where} (${module} may not depend on ${other})`)
            // A module's own unit tests may open another module's testing face, as test/ does.
            else if (face !== 'index.ts' && !(isTest && face === 'testing.ts'))
              wrong.push(`${where} (reach ${other} through its index.ts)`)
          }
        } else if (
          !PACKAGES[module].test(spec) &&
          !(isTest && /^(vitest|happy-dom|playwright-core|pino|node:.+)/.test(spec))
        ) {
          wrong.push(`${where} (package not allowed in ${module})`)
        }
      }
    }
    expect(wrong).toEqual([])
  })

  it('keeps the domain from reaching up to the demo or to the composition (open-core.ts)', () => {
    // The demo seeds through core's face from outside core; openCore composes the modules.
    // A module inside core that imports either runs upwards (issue 27: six such imports).
    const above = [join(ROOT, 'core', 'open-core.ts'), join(ROOT, 'demo')]
    const wrong: string[] = []
    for (const { file, module } of files) {
      if (module !== 'core' || file === join(ROOT, 'core', 'index.ts')) continue
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue
        const target = resolve(file, '..', spec)
        if (above.some((a) => target === a || target.startsWith(`${a}/`)) || /\/demo\//.test(target))
          wrong.push(`${relative(ROOT, file)} imports ${spec}`)
      }
    }
    expect(wrong).toEqual([])
  })

  /** Names a face (`<module>/index.ts`) exports that no file outside the module imports from it. */
  const unusedExportsOf = (module: 'core' | 'schemas'): string[] => {
    const face = join(ROOT, module, 'index.ts')
    const exported = new Set(
      [...readFileSync(face, 'utf8').matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)].flatMap((m) =>
        namesIn(m[1]!),
      ),
    )
    const imported = new Set<string>()
    for (const file of repoSources(ROOT)) {
      if (relative(ROOT, file).startsWith(`${module}/`)) continue
      for (const m of readFileSync(file, 'utf8').matchAll(
        /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(\{[^}]*\}|\*\s+as\s+\w+)\s+from\s+['"]([^'"]+)['"]/g,
      )) {
        if (!m[2]!.startsWith('.') || resolve(file, '..', m[2]!) !== face) continue
        // A namespace import could use any name: name them instead, so the face stays checkable.
        if (m[1]!.startsWith('*')) throw new Error(`${relative(ROOT, file)}: import ${module} by name, not *`)
        for (const name of namesIn(m[1]!.slice(1, -1))) imported.add(name)
      }
    }
    return [...exported].filter((name) => !imported.has(name))
  }

  it('exports from the core face only names something outside core imports', () => {
    expect(unusedExportsOf('core')).toEqual([])
  })

  it('exports from the schemas face only names something outside schemas imports', () => {
    expect(unusedExportsOf('schemas')).toEqual([])
  })

  it('keeps core/store a lower layer: it imports no domain module of core', () => {
    // The store is what the domain modules stand on. It may use core's errors and log shape, the
    // secret box (sealing records) and the write-ahead log's directory lock (opened with the stores).
    const below = ['core/errors.ts', 'core/core-log.ts', 'core/json-depth.ts', 'core/secrets/', 'core/wal/']
    const wrong: string[] = []
    for (const { file } of files) {
      const at = relative(ROOT, file)
      if (!at.startsWith('core/store/') || /\.test\.tsx?$/.test(file)) continue
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue
        const target = relative(ROOT, resolve(file, '..', spec))
        if (!target.startsWith('core/') || target.startsWith('core/store/')) continue
        if (!below.some((b) => target === b || (b.endsWith('/') && target.startsWith(b))))
          wrong.push(`${at} imports ${spec}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('lets bench/ and test/ reach the modules only through their faces', () => {
    // A module's face is its index.ts; the internals suites and benchmarks open directly (core's
    // store, the listeners, the widget's sample journeys) are on a separate face, <module>/testing.ts,
    // that no module imports. The build scripts are entry points of their own.
    const faces = new Set([
      ...MODULES.map((m) => `${m}/index.ts`),
      ...MODULES.map((m) => `${m}/testing.ts`),
      ...BUILD_SCRIPTS,
    ])
    const wrong: string[] = []
    for (const file of [...repoSources(join(ROOT, 'test')), ...repoSources(join(ROOT, 'bench'))]) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue
        const target = relative(ROOT, resolve(file, '..', spec))
        if (moduleOf(join(ROOT, target)) !== null && !faces.has(target))
          wrong.push(`${relative(ROOT, file)} imports ${spec}`)
      }
    }
    for (const { file } of files) {
      if (/\.test\.tsx?$/.test(file)) continue
      for (const spec of importsOf(file))
        if (
          spec.startsWith('.') &&
          /\/testing\.ts$/.test(spec) &&
          moduleOf(resolve(file, '..', spec)) !== null
        )
          wrong.push(`${relative(ROOT, file)} imports ${spec} (the testing face is for test/ and bench/)`)
    }
    expect(wrong).toEqual([])
  })

  it('keeps bench/ off the test suites: what both need (Chromium, a throwaway Postgres, a free port) is in tools/', () => {
    // Issue 27: two benchmarks imported test support. A benchmark that leans on a test file
    // breaks when the test changes; the shared launchers are tooling, not tests.
    const wrong: string[] = []
    for (const file of repoSources(join(ROOT, 'bench')))
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue
        const target = relative(ROOT, resolve(file, '..', spec))
        if (target.startsWith('test/')) wrong.push(`${relative(ROOT, file)} imports ${spec}`)
      }
    expect(wrong).toEqual([])
  })

  it('writes HTML only from components: raw HTML in portal-sites/trusted-html.tsx alone, none in core', () => {
    // Issue 27: the site pages escaped by hand (e() at 67 places); one miss was an XSS. Pages are
    // hono/jsx now, and the few unescaped writes (JSON for a script, our own CSS and scripts) are
    // named functions in one reviewed file.
    const offenders = files
      .filter(({ file }) => !/\.test\.tsx?$/.test(file))
      .filter(({ file, module }) => {
        const text = withoutComments(readFileSync(file, 'utf8'))
        if (module === 'portal-sites')
          return (
            relative(ROOT, file) !== 'portal-sites/trusted-html.tsx' &&
            /dangerouslySetInnerHTML|\braw\(/.test(text)
          )
        return module === 'core' && /\.tsx$|escapeHtml|hono\/jsx/.test(`${file} ${text}`)
      })
      .map(({ file }) => relative(ROOT, file))
    expect(offenders).toEqual([])
  })

  it('keeps SQL inside core/store', () => {
    const offenders = files
      .filter(({ file }) => !relative(ROOT, file).startsWith('core/store/') && !/\.test\.tsx?$/.test(file))
      .filter(
        ({ file }) =>
          /\.(query|command|insert|exec)\(\{/.test(readFileSync(file, 'utf8')) &&
          /client\./.test(readFileSync(file, 'utf8')),
      )
      .map(({ file }) => relative(ROOT, file))
    expect(offenders).toEqual([])
  })

  it('reads process.env only in the entry point and the CLI', () => {
    const readers = files
      .filter(({ file }) => /process\.env/.test(withoutComments(readFileSync(file, 'utf8'))))
      .map(({ file }) => relative(ROOT, file))
      // engine-allocator.ts
      // reads no configuration: it gives libchdb's jemalloc, which reads JE_MALLOC_CONF itself as
      // libchdb loads, a default before any import of chdb can load it. beacon-snippet.ts reads
      // nothing: process.env stands in the snippet it writes for a portal's own server to run.
      .filter(
        (f) =>
          ![
            'ingest/main.ts',
            'ingest/token-cli.ts',
            'core/store/engine-allocator.ts',
            'admin-ui/beacon-snippet.ts',
          ].includes(f),
      )
    expect(readers).toEqual([])
  })
})
