/**
 * Builds the journey widget into `journey-ui/dist/`: one entry script
 * (`casetrail-journey.js`, stable name) and two content-hashed chunks loaded
 * lazily (the journey parser, ECharts) that the edge may serve as immutable. Writes a `.gz` beside
 * every script and a `manifest.json` with each file's role and sizes, and fails
 * when a chunk breaks its budget or the entry pulls in zod or ECharts.
 *
 * Run: `npm run build` (or `tsx journey-ui/build.ts`).
 */
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Metafile, type Plugin, transform } from 'esbuild'
import {
  browserBuildOptions,
  emptyOutDir,
  fileLine,
  gzipBeside,
  runBuildScript,
  shortOutDir,
  writeManifest,
} from '../tools/browser-build.ts'

const here = dirname(fileURLToPath(import.meta.url))

/** The name of the widget's script in `dist/`. */
export const ENTRY_FILE = 'casetrail-journey.js'

/** Gzip budgets, in bytes (KB = 1,000 bytes, the stricter reading); `total` is every script together. */
export const BUDGETS = { entry: 20_000, echarts: 175_000, total: 190_000 } as const

/** What a file in `dist/` is for. */
export type WidgetFileRole = 'entry' | 'parser' | 'echarts' | 'messages'

/** One built file, as `manifest.json` lists it. */
export interface WidgetFile {
  file: string
  role: WidgetFileRole
  bytes: number
  gzipBytes: number
}

/** What a build produced. */
export interface WidgetBuild {
  outDir: string
  files: WidgetFile[]
}

/** The lazily loaded modules, each built into one self-contained, content-hashed chunk. */
const LAZY_CHUNKS = {
  'parse-journey': 'parser',
  'echarts-chart': 'echarts',
  'messages-fr': 'messages',
  'messages-de': 'messages',
} as const

// Points the entry's `import('./parse-journey.ts')` at the hashed file built for it.
function lazyChunks(files: Record<string, string>): Plugin {
  return {
    name: 'lazy-chunks',
    setup(b) {
      b.onResolve({ filter: /^\.\/(parse-journey|echarts-chart|messages-fr|messages-de)\.ts$/ }, (args) => {
        const file = files[args.path.slice(2, -3)]
        return file ? { path: `./${file}`, external: true } : undefined
      })
    },
  }
}

/**
 * In the parser chunk, `schemas/index.ts` becomes a module holding only the
 * journey's JSON Schema, derived from the zod schema here at build time: the
 * browser gets the document and a small checker, not zod and every schema.
 */
function parserSchemaInline(): Plugin {
  return {
    name: 'parser-schema-inline',
    setup(b) {
      b.onResolve({ filter: /\/schemas\/index\.ts$/ }, (args) =>
        args.importer.endsWith('parse-journey.ts')
          ? { path: 'journey-json-schema', namespace: 'inline' }
          : undefined,
      )
      b.onLoad({ filter: /.*/, namespace: 'inline' }, async () => {
        const { journeyResponseJsonSchema } = await import('../schemas/index.ts')
        const { $schema: _, ...schema } = journeyResponseJsonSchema()
        // `format` only annotates: every format zod writes comes with the `pattern` that checks it.
        const text = JSON.stringify(schema, (key, value) => (key === 'format' ? undefined : value))
        return { contents: `export const journeyResponseJsonSchema = () => (${text})`, loader: 'js' }
      })
    },
  }
}

/**
 * In the entry, the widget's stylesheet is minified CSS (esbuild's CSS
 * minifier) instead of the readable template literal: the first script
 * 53.5 -> 52.4 KB, 179 bytes less gzip, room its 20 KB budget needed.
 */
function minifiedStyles(): Plugin {
  return {
    name: 'minified-styles',
    setup(b) {
      b.onLoad({ filter: /journey-ui\/widget-styles\.ts$/ }, async () => {
        const { WIDGET_CSS } = await import('./widget-styles.ts')
        const { code } = await transform(WIDGET_CSS, { loader: 'css', minify: true })
        return { contents: `export const WIDGET_CSS = ${JSON.stringify(code.trim())}`, loader: 'js' }
      })
    },
  }
}

/**
 * Builds the widget and checks its budgets; throws with every problem found.
 *
 * The two lazy chunks are built on their own rather than with esbuild's
 * `splitting`: both would share esbuild's `__export` helper, which splitting
 * moves into a third chunk that the entry then imports statically, one more
 * round trip before the element exists. Built apart, the entry imports nothing
 * up front and each chunk is a single request.
 *
 * @example const { files } = await buildWidget() // files[0].role === 'entry'
 */
export async function buildWidget(options: { outDir?: string } = {}): Promise<WidgetBuild> {
  const outDir = resolve(options.outDir ?? join(here, 'dist'))
  const root = resolve(here, '..')
  await emptyOutDir(outDir)
  const common = browserBuildOptions(root, outDir)

  const lazy = await Promise.all(
    Object.entries(LAZY_CHUNKS).map(async ([name, role]) => {
      const result = await build({
        ...common,
        entryPoints: { [name]: join(here, `${name}.ts`) },
        entryNames: '[name]-[hash]',
        plugins: role === 'parser' ? [parserSchemaInline()] : [],
      })
      return { name, role, result }
    }),
  )
  const lazyFiles = Object.fromEntries(
    lazy.map(({ name, result }) => [
      name,
      relative(outDir, resolve(root, Object.keys(result.metafile.outputs)[0]!)),
    ]),
  )
  const entry = await build({
    ...common,
    entryPoints: { 'casetrail-journey': join(here, 'register.ts') },
    entryNames: '[name]',
    plugins: [lazyChunks(lazyFiles), minifiedStyles()],
  })

  const problems: string[] = []
  const files: WidgetFile[] = []
  const outputs: [WidgetFileRole, Metafile][] = [
    ['entry', entry.metafile],
    ...lazy.map(({ role, result }): [WidgetFileRole, Metafile] => [role, result.metafile]),
  ]
  for (const [role, metafile] of outputs) {
    for (const [path, output] of Object.entries(metafile.outputs)) {
      const file = relative(outDir, resolve(root, path))
      files.push({ file, role, ...(await gzipBeside(join(outDir, file))) })
      const statics = output.imports.filter((imported) => imported.kind === 'import-statement')
      if (statics.length > 0)
        problems.push(`${file} must import nothing up front, but imports ${statics[0]!.path}`)
      const heavy = Object.keys(output.inputs).filter((input) =>
        /node_modules\/(zod|echarts|zrender)\//.test(input),
      )
      if ((role === 'entry' || role === 'parser') && heavy.length > 0) {
        problems.push(
          `${file} must not contain zod or ECharts, but has ${heavy[0]} and ${heavy.length - 1} more`,
        )
      }
    }
  }
  const budgeted: [WidgetFileRole, number][] = [
    ['entry', BUDGETS.entry],
    ['echarts', BUDGETS.echarts],
  ]
  const total = files.reduce((n, f) => n + f.gzipBytes, 0)
  if (total > BUDGETS.total)
    problems.push(`the scripts are ${total} bytes gzip in all, over ${BUDGETS.total}`)
  for (const [role, budget] of budgeted) {
    const file = files.find((f) => f.role === role)
    if (!file) problems.push(`no ${role} file was written`)
    else if (file.gzipBytes > budget) {
      problems.push(`${file.file} is ${file.gzipBytes} bytes gzip, over its budget of ${budget}`)
    }
  }
  if (problems.length > 0) throw new Error(`journey widget build failed:\n- ${problems.join('\n- ')}`)
  await writeManifest(outDir, { entry: ENTRY_FILE, budgets: BUDGETS, files })
  return { outDir, files }
}

await runBuildScript(import.meta.url, async () => {
  const { outDir, files } = await buildWidget()
  const lines = files.map((f) => fileLine(f, { file: 34, role: 8 }))
  return `journey widget -> ${shortOutDir(outDir)}\n${lines.join('\n')}`
})
