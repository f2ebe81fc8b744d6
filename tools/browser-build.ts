/**
 * What the two browser builds share (`journey-ui/build.ts`, the widget, and
 * `admin-ui/build.ts`, the console): esbuild's options for a minified ES module
 * bundle with Preact's JSX for the browsers we support, the emptied output
 * folder, a `.gz` beside each file with its sizes, the `manifest.json`, and the
 * script's command line. Tooling: the UIs' code never imports it, only their
 * build scripts do (test/architecture.test.ts holds them to that).
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import type { BuildOptions } from 'esbuild'

/**
 * esbuild's options for a browser bundle of the project (`root`) into `outDir`:
 * minified ES modules for the browsers we support, Preact's automatic JSX, the
 * production build of dependencies, and a metafile to read the outputs from.
 */
export function browserBuildOptions(root: string, outDir: string) {
  return {
    absWorkingDir: root,
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome109', 'firefox115', 'safari16'],
    minify: true,
    treeShaking: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    metafile: true,
    write: true,
    logLevel: 'warning',
  } satisfies BuildOptions
}

/** Empties `outDir` (or makes it) before a build writes into it. */
export async function emptyOutDir(outDir: string): Promise<void> {
  await rm(outDir, { recursive: true, force: true })
  await mkdir(outDir, { recursive: true })
}

/** Writes `<path>.gz` (gzip level 9) beside a built file; returns both sizes in bytes. */
export async function gzipBeside(path: string): Promise<{ bytes: number; gzipBytes: number }> {
  const code = await readFile(path)
  const gzipped = gzipSync(code, { level: 9 })
  await writeFile(`${path}.gz`, gzipped)
  return { bytes: code.length, gzipBytes: gzipped.length }
}

/** Writes `manifest.json` into `outDir`: what the build wrote and its budgets, for the server and the bench. */
export async function writeManifest(outDir: string, manifest: object): Promise<void> {
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
}

/** Bytes as the budgets count them (KB = 1,000 bytes), to a tenth: `28.3 KB`. */
export const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`

/** One line of a build's listing: the file, its role, its size and its gzip size. */
export const fileLine = (
  f: { file: string; role: string; bytes: number; gzipBytes: number },
  widths: { file: number; role: number },
) =>
  `  ${f.file.padEnd(widths.file)} ${f.role.padEnd(widths.role)} ${kb(f.bytes).padStart(9)}  gzip ${kb(f.gzipBytes)}`

/** Where a build wrote, as its listing names it: `journey-ui/dist`. */
export const shortOutDir = (outDir: string) => `${basename(dirname(outDir))}/${basename(outDir)}`

/**
 * Runs `build` when the module at `moduleUrl` is the script node was started with
 * (`tsx admin-ui/build.ts`), printing what it returns; a failure prints its
 * message alone (a budget's verdict, not a stack) and exits 1.
 */
export async function runBuildScript(moduleUrl: string, build: () => Promise<string>): Promise<void> {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(resolve(process.argv[1])).href) return
  try {
    console.log(await build())
  } catch (err) {
    console.error(err instanceof Error ? err.message : err)
    process.exitCode = 1
  }
}
