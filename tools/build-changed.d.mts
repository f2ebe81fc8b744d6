/** One build `npm start` may run: its sources (relative to the root) and its output directory. */
export interface BuildTarget {
  name: string
  script: string
  sources: string[]
  outDir: string
}
export const FINGERPRINT_FILE: string
export const BUILDS: BuildTarget[]
export function fingerprint(root: string, build: BuildTarget): string
export function staleBuilds(root: string, builds?: BuildTarget[]): BuildTarget[]
export function recordBuild(root: string, build: BuildTarget): void
