import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '../../tools/free-port.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_ENGINE_ALLOCATOR_CONF } from '../../core/testing.ts'
import { buildServer } from '../../ingest/build.ts'

// `npm start` runs the server bundled by esbuild (ingest/build.ts) with plain node.
// What a bundle can get wrong that the sources under tsx do not: the order in
// which libchdb loads (its allocator reads JE_MALLOC_CONF then), and files
// found relative to the module (the bundle sits elsewhere).

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const PROBE = join(ROOT, 'test', 'support', 'dlopen-probe.mjs')
const WIDGET = join(ROOT, 'journey-ui', 'dist', 'casetrail-journey.js')
let root: string
let child: ChildProcess
const output: string[] = []
let base: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'casetrail-bundle-'))
  // Inside the project, as dist/server is: the bundle finds its assets by walking up to package.json.
  const { entry } = await buildServer({ outDir: join(ROOT, '.tmp', `server-bundle-${process.pid}`) })
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  child = spawn(process.execPath, ['--import', PROBE, entry], {
    cwd: root,
    // No JE_MALLOC_CONF: the server gives libchdb its default.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CASETRAIL_DATA_DIR: join(root, 'data'),
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      CASETRAIL_DEMO: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()))
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()))
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the bundled server exited:\n${output.join('')}`)
    const status = await fetch(`${base}/ready`).then(
      (r) => r.status,
      () => 0,
    )
    if (status === 200) break
    if (i > 600) throw new Error(`the bundled server did not get ready:\n${output.join('')}`)
    await new Promise((r) => setTimeout(r, 100))
  }
})

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  await rm(join(ROOT, '.tmp', `server-bundle-${process.pid}`), { recursive: true, force: true })
  await rm(root, { recursive: true, force: true })
})

describe('the server as npm start runs it (esbuild bundle, plain node)', () => {
  it('loads libchdb only once its allocator has the default options', () => {
    const loads = output
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('dlopen-probe ') && line.includes('chdb'))
    expect(loads.length).toBeGreaterThan(0)
    for (const line of loads)
      expect(line).toContain(`JE_MALLOC_CONF=${JSON.stringify(DEFAULT_ENGINE_ALLOCATOR_CONF)}`)
  })

  it("answers with package.json's version, found from the bundle's directory", async () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string })
      .version
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { info: { version: string } }
    expect(doc.info.version).toBe(version)
  })

  it.runIf(existsSync(WIDGET))("serves the widget's built script from journey-ui/dist", async () => {
    const res = await fetch(`${base}/widget/casetrail-journey.js`)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(readFileSync(WIDGET, 'utf8'))
  })
})
