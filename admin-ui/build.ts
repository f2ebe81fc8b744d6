/**
 * Builds the admin console into `admin-ui/dist/`: the entry script
 * (`casetrail-admin.js`, stable name: the shell page names it), the pages as
 * content-hashed chunks loaded when first visited (esbuild splitting), and the
 * stylesheet. Writes a `.gz` beside every file and a `manifest.json` with each
 * file's sizes, and fails when the first load breaks its budget.
 *
 * Run: `npm run build` (builds the widget too) or `tsx admin-ui/build.ts`.
 */
import { copyFile, readdir, stat } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Plugin, build } from 'esbuild'
import {
  browserBuildOptions,
  emptyOutDir,
  fileLine,
  gzipBeside,
  kb,
  runBuildScript,
  shortOutDir,
  writeManifest,
} from '../tools/browser-build.ts'

const here = dirname(fileURLToPath(import.meta.url))

/** The console's entry script in `dist/` (the shell page loads it). */
export const CONSOLE_ENTRY_FILE = 'casetrail-admin.js'
/** The console's stylesheet in `dist/`. */
export const CONSOLE_CSS_FILE = 'casetrail-admin.css'

/**
 * Gzip budget of the first load in bytes (KB = 1,000 bytes): the entry script,
 * the stylesheet and the chunks the entry imports statically, before any page.
 */
export const CONSOLE_BUDGET = { firstLoad: 40_000 } as const

/** One built file, as `manifest.json` lists it. */
export interface ConsoleFile {
  file: string
  /** `entry` and `css` load first; `static` chunks with them; `page` chunks when a page opens. */
  role: 'entry' | 'css' | 'static' | 'page'
  bytes: number
  gzipBytes: number
}

/** What a build produced. */
export interface ConsoleBuild {
  outDir: string
  files: ConsoleFile[]
  /** Gzip bytes of the entry, the stylesheet and the entry's static imports. */
  firstLoadGzipBytes: number
}

/**
 * Tells esbuild that `schemas/` modules have no side effects on import (they
 * only declare), so a page that needs one pure function from `schemas/index.ts`
 * does not carry every zod schema along: measured, the Manage page's chunks went
 * from 31 KB gzip (zod) to what they use.
 */
function schemasWithoutSideEffects(schemasDir: string): Plugin {
  return {
    name: 'schemas-without-side-effects',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const path = resolve(args.resolveDir, args.path)
        return path.startsWith(`${schemasDir}/`) ? { path, sideEffects: false } : undefined
      })
    },
  }
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const name of await readdir(dir)) {
    const path = join(dir, name)
    if ((await stat(path)).isDirectory()) out.push(...(await walk(path)))
    else out.push(path)
  }
  return out
}

/**
 * Builds the console and checks the first-load budget; throws when it is over.
 *
 * @example const { firstLoadGzipBytes } = await buildConsole()
 */
export async function buildConsole(options: { outDir?: string } = {}): Promise<ConsoleBuild> {
  const outDir = resolve(options.outDir ?? join(here, 'dist'))
  const root = resolve(here, '..')
  await emptyOutDir(outDir)
  const result = await build({
    ...browserBuildOptions(root, outDir),
    entryPoints: { 'casetrail-admin': join(here, 'main.tsx') },
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    plugins: [schemasWithoutSideEffects(join(root, 'schemas'))],
  })
  await copyFile(join(here, 'admin-styles.css'), join(outDir, CONSOLE_CSS_FILE))

  const entryOutput = Object.entries(result.metafile.outputs).find(([, o]) =>
    o.entryPoint?.endsWith('admin-ui/main.tsx'),
  )
  const staticImports = new Set(
    (entryOutput?.[1].imports ?? [])
      .filter((i) => i.kind === 'import-statement')
      .map((i) => relative(outDir, resolve(root, i.path))),
  )
  const files: ConsoleFile[] = []
  for (const path of await walk(outDir)) {
    if (path.endsWith('.gz') || path.endsWith('.json')) continue
    const file = relative(outDir, path)
    const sizes = await gzipBeside(path)
    const role: ConsoleFile['role'] =
      file === CONSOLE_ENTRY_FILE
        ? 'entry'
        : file === CONSOLE_CSS_FILE
          ? 'css'
          : staticImports.has(file)
            ? 'static'
            : 'page'
    files.push({ file, role, ...sizes })
  }
  files.sort((a, b) => a.file.localeCompare(b.file))
  const firstLoadGzipBytes = files.filter((f) => f.role !== 'page').reduce((sum, f) => sum + f.gzipBytes, 0)
  if (firstLoadGzipBytes > CONSOLE_BUDGET.firstLoad) {
    throw new Error(
      `admin console build failed: the first load is ${firstLoadGzipBytes} bytes gzip, over its budget of ${CONSOLE_BUDGET.firstLoad}`,
    )
  }
  await writeManifest(outDir, {
    entry: CONSOLE_ENTRY_FILE,
    css: CONSOLE_CSS_FILE,
    budget: CONSOLE_BUDGET,
    firstLoadGzipBytes,
    files,
  })
  return { outDir, files, firstLoadGzipBytes }
}

await runBuildScript(import.meta.url, async () => {
  const { outDir, files, firstLoadGzipBytes } = await buildConsole()
  const lines = files.filter((f) => f.role !== 'page').map((f) => fileLine(f, { file: 40, role: 6 }))
  const pages = files.filter((f) => f.role === 'page')
  return `admin console -> ${shortOutDir(outDir)}\n${lines.join('\n')}\n  + ${pages.length} page chunks, ${kb(pages.reduce((s, f) => s + f.gzipBytes, 0))} gzip\n  first load ${kb(firstLoadGzipBytes)} gzip (budget ${kb(CONSOLE_BUDGET.firstLoad)})`
})
