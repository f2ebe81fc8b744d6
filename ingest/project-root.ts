import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The directory holding the project's `package.json`, found by walking up from
 * this module's file. The same code runs from source (`ingest/…`, under tsx)
 * and bundled (`dist/server/…`, `npm start`), at different depths, so a fixed
 * `../..` from `import.meta.url` would be right for only one of them.
 *
 * @example
 * join(projectRoot(), 'journey-ui', 'dist') // the widget's built files
 */
export function projectRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error(`no package.json in ${from} or any directory above it`)
  }
}
