#!/usr/bin/env node
// What `npm start` runs before the server: rebuilds the widget, the console and
// the server bundle only when their sources changed since their last build.
//
// Each build's output directory holds a fingerprint: a SHA-256 over the path
// and content of every source file it is built from (test files excluded) and
// the lockfile. Same fingerprint and output in place: nothing to do. Measured
// on 2 shared cores, `npm run build` (all three, always) took 12.8 s of a
// 16 s restart-to-ready (bench/restart-to-ready.sh).
//
// Plain JavaScript, run with `node`: tsx would spend about a second starting
// only to find that nothing changed. A changed build runs as `npm run build` does.
//
//   node tools/build-changed.mjs          # build what changed
//   node tools/build-changed.mjs --check  # list what would be built, build nothing
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where each build's fingerprint is kept, inside its output. */
export const FINGERPRINT_FILE = '.build-fingerprint'

/**
 * The three builds: what each is built from (folders and files, relative to the
 * project root) and where it writes. Over-inclusive on purpose: a source a build
 * does not read costs a rebuild, a source it reads but is not listed would cost
 * a stale build.
 */
export const BUILDS = [
  {
    name: 'widget',
    script: 'journey-ui/build.ts',
    sources: ['journey-ui', 'chart-style', 'schemas', 'tools/browser-build.ts', 'package-lock.json'],
    outDir: 'journey-ui/dist',
  },
  {
    name: 'console',
    script: 'admin-ui/build.ts',
    sources: ['admin-ui', 'chart-style', 'schemas', 'tools/browser-build.ts', 'package-lock.json'],
    outDir: 'admin-ui/dist',
  },
  {
    name: 'server',
    script: 'ingest/build.ts',
    sources: ['ingest', 'core', 'demo', 'portal-sites', 'schemas', 'package-lock.json'],
    outDir: 'dist/server',
  },
]

const SKIPPED_DIRS = new Set(['dist', 'node_modules', '.tmp', 'data'])
const TEST_FILE = /\.test\.tsx?$/

function* sourceFiles(root, path) {
  const full = join(root, path)
  if (!existsSync(full)) return
  if (!statSync(full).isDirectory()) {
    yield path
    return
  }
  for (const entry of readdirSync(full, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* sourceFiles(root, join(path, entry.name))
    } else if (!TEST_FILE.test(entry.name)) {
      yield join(path, entry.name)
    }
  }
}

/** The fingerprint of a build's sources as they are now in `root`. */
export function fingerprint(root, build) {
  const hash = createHash('sha256')
  for (const source of build.sources) {
    for (const file of sourceFiles(root, source)) {
      hash.update(`${file}\0`)
      hash.update(readFileSync(join(root, file)))
      hash.update('\0')
    }
  }
  return hash.digest('hex')
}

/** The builds whose output is missing or whose sources changed since it was written. */
export function staleBuilds(root, builds = BUILDS) {
  return builds.filter((build) => {
    const stamp = join(root, build.outDir, FINGERPRINT_FILE)
    return !existsSync(stamp) || readFileSync(stamp, 'utf8').trim() !== fingerprint(root, build)
  })
}

/** Records that `build`'s output in `root` was made from its sources as they are now. */
export function recordBuild(root, build) {
  writeFileSync(join(root, build.outDir, FINGERPRINT_FILE), `${fingerprint(root, build)}\n`)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const stale = staleBuilds(root)
  if (process.argv.includes('--check')) {
    process.stdout.write(`${stale.map((b) => b.name).join('\n')}${stale.length ? '\n' : ''}`)
  } else {
    for (const build of stale) {
      // The fingerprint is taken before the build: a source edited during it is seen next time.
      const print = fingerprint(root, build)
      const run = spawnSync(process.execPath, ['--import', 'tsx', build.script], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
      })
      if (run.status !== 0) {
        process.stderr.write(`the ${build.name} build failed (${relative(root, join(root, build.script))})\n`)
        process.exit(run.status ?? 1)
      }
      writeFileSync(join(root, build.outDir, FINGERPRINT_FILE), `${print}\n`)
      process.stdout.write(`built the ${build.name} (its sources changed)\n`)
    }
  }
}
