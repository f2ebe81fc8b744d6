import { type BrowserContext, chromium } from 'playwright-core'

/** Debian's Chromium, which `.ci/run` installs when it is missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

/**
 * The flags every headless run here uses: no sandbox (root), no GPU, and none
 * of the background networking this closed machine refuses.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const

/**
 * Launches headless Chromium with a fresh profile in `profileDir`.
 *
 * @example
 * const context = await launchChromium(mkdtempSync(join(tmpdir(), 'ct-')), { viewport: { width: 1100, height: 900 } })
 */
export function launchChromium(
  profileDir: string,
  options: Omit<
    NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>,
    'executablePath' | 'args'
  > = {},
  /** Flags beyond {@link CHROMIUM_ARGS} (`--host-resolver-rules=…`, `--ignore-certificate-errors-spki-list=…`). */
  extraArgs: readonly string[] = [],
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    ...options,
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  })
}
