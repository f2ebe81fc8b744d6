import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { type Server, createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../../tools/chromium.ts'
import { axeSeriousViolations, shotBothWidths } from '../support/console-browser.ts'
import { freePort } from '../../tools/free-port.ts'
import { waitReady } from '../support/wait-ready.ts'

/**
 * Issue 24's "Done when", in Chromium: a new admin goes from a fresh server
 * (`node dist/server/start.js`, what `npm start` runs, on an empty data
 * directory) to a second provisioned portal sending beacons, without reading
 * or typing an id. Signed in with the token the server printed, the admin
 * follows Applications' checklist: provisions a portal with the licence the
 * checklist shows free, binds it to a hub picked by name from the checker's
 * "Bind to a hub" button, copies the beacon snippet, and (as the portal's own
 * server and page would) the snippet runs on a page of another origin; the
 * checklist then shows "first beacon seen". Every text the test types is
 * recorded, and none is an id.
 */

const ROOT = resolve(import.meta.dirname, '../..')
const ARTIFACTS = resolve(ROOT, 'test-artifacts/guided-setup')
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

let server: ChildProcess
const output: string[] = []
let base: string
let dataDir: string
let profileDir: string
let snippetDir: string
let context: BrowserContext
let page: Page
let site: Server | undefined
/** Everything the test typed into the console. */
const typed: string[] = []
const problems: string[] = []

const type = async (field: Locator, text: string) => {
  typed.push(text)
  await field.fill(text)
}
const lookAt = async (name: string) => {
  await expect(axeSeriousViolations(page)).resolves.toEqual([])
  await shotBothWidths(page, ARTIFACTS, name)
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  dataDir = mkdtempSync(join(tmpdir(), 'casetrail-e2e-guided-'))
  profileDir = mkdtempSync(join(tmpdir(), 'casetrail-chromium-'))
  snippetDir = mkdtempSync(join(tmpdir(), 'casetrail-snippet-'))
  const port = await freePort()
  base = `http://localhost:${port}`
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PORT: String(port),
    PUBLIC_URL: base,
    CASETRAIL_DATA_DIR: dataDir,
    CASETRAIL_FLUSH_INTERVAL_MS: '20',
  }
  server = spawn(process.execPath, ['dist/server/start.js'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  server.stdout?.on('data', (d: Buffer) => output.push(d.toString()))
  server.stderr?.on('data', (d: Buffer) => output.push(d.toString()))
  const exited = new Promise((ok) => server.once('exit', ok))
  await waitReady(`http://127.0.0.1:${port}`, { exited, output })
  context = await launchChromium(profileDir, { viewport: { width: 1280, height: 900 }, locale: 'en-US' })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base })
  page = await context.newPage()
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))
}, 180_000)

afterAll(async () => {
  await context?.close()
  await new Promise<void>((ok) => (site ? site.close(() => ok()) : ok()))
  if (server && server.exitCode === null) {
    const gone = new Promise((ok) => server.once('exit', ok))
    server.kill('SIGTERM')
    await gone
  }
  for (const dir of [dataDir, profileDir, snippetDir]) if (dir) rmSync(dir, { recursive: true, force: true })
})

/** The checklist's step, once it reads done. */
const stepDone = (id: string) =>
  page
    .locator(`.checklist li[data-step="${id}"][data-done="true"]`)
    .waitFor({ state: 'attached', timeout: 60_000 })

describe('from a fresh server to a second portal sending beacons, without an id', () => {
  it('signs in with the token the server printed', async () => {
    // The summary is the last thing printed at start: the token is on its "admin token" line.
    await expect
      .poll(() => /admin token\s+(ct_\S+)/.exec(output.join(''))?.[1], { timeout: 60_000 })
      .toBeTruthy()
    const token = /admin token\s+(ct_\S+)/.exec(output.join(''))![1]!
    await page.goto(`${base}/admin`)
    await type(page.getByLabel('Admin or user token'), token)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.locator('.who-name').waitFor()
    await page.getByRole('heading', { name: 'Getting started' }).waitFor()
    // The demo portal is set up already: its checklist is folded, and says so.
    const checklist = page.locator('.checklist')
    await expect.poll(() => checklist.getAttribute('data-all-done')).toBe('true')
    await checklist.getByRole('button', { name: 'Show the steps' }).click()
    await checklist.locator('li[data-step="licence"]').getByText('1 licence is free.').waitFor()
    await lookAt('01-applications-checklist')
  })

  it('provisions a second portal with the free licence', async () => {
    await page.getByRole('link', { name: 'Provision a portal' }).click()
    await page.getByRole('heading', { name: 'Provision a portal' }).waitFor()
    await type(page.getByLabel('Name', { exact: true }), 'Fabrikam Help')
    await type(page.getByLabel('Portal URL'), 'fabrikam-help')
    await page.getByLabel('Instance').selectOption({ index: 1 })
    const languages = page.getByLabel('Portal language')
    await languages.locator('option[value="en-US"]').waitFor({ state: 'attached' })
    await languages.selectOption({ label: 'American English (en-US)' })
    await page.getByLabel('Portal administrator').selectOption({ index: 1 })
    await page.getByRole('radio', { name: 'Customer', exact: true }).check()
    await page.getByRole('radio', { name: /^Customer Self.Service Portal$/ }).check()
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.getByRole('button', { name: 'I accept the Terms of Service' }).click()
    await page.getByRole('heading', { name: 'Portal Add-On' }).waitFor()
    // The checklist follows the new portal: provisioned, not bound yet.
    await page.locator('.checklist').getByText('Fabrikam Help is provisioned.').waitFor({ timeout: 60_000 })
    await stepDone('licence')
    const binding = page.locator('.checklist li[data-step="binding"]')
    await expect(binding.getAttribute('data-done')).resolves.toBe('false')
    await binding.getByRole('link', { name: 'Bind to a hub' }).waitFor()
    await lookAt('02-checklist-not-bound')
  })

  it('binds it to a hub picked by name from the checker’s "Bind to a hub" button', async () => {
    await page
      .getByRole('row', { name: /Fabrikam Help/ })
      .getByRole('link', { name: /Manage/ })
      .click()
    await page.getByRole('link', { name: 'Run Portal Checker' }).click()
    await page.getByRole('button', { name: 'Run Portal Checker' }).click()
    const row = page.locator('tbody[data-check="ingestion-hub-bound"]')
    await expect.poll(() => row.locator('.badge').textContent(), { timeout: 60_000 }).toBe('Error')
    await row.locator('button.expand').click()
    // The fix is a button that opens the binding here, not an API path to call.
    await expect(row.locator('.check-details').textContent()).resolves.not.toContain('/v1/')
    await row.getByRole('button', { name: 'Bind to a hub' }).click()
    const dialog = page.getByRole('dialog', { name: 'Configure Portal Interaction Tracking' })
    const hub = dialog.getByRole('combobox', { name: 'Hub' })
    await type(hub, 'demo')
    await hub.press('ArrowDown')
    await hub.press('Enter')
    await expect(hub.inputValue()).resolves.toBe('Demo hub')
    // Picking the hub filled its address and a key with the Send right.
    await expect
      .poll(() => dialog.getByLabel('Customer Insights hub URI').inputValue())
      .toMatch(/\/v1\/hubs\//)
    await dialog.getByLabel('I have read and understood the terms and conditions').check()
    await lookAt('03-checker-bind-dialog')
    await dialog.getByRole('button', { name: 'Configure' }).click()
    await dialog.getByText('Portal interaction tracking is configured.').waitFor()
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect.poll(() => row.locator('.badge').textContent(), { timeout: 60_000 }).toBe('Pass')
  })

  it('copies the beacon snippet the checklist points to', async () => {
    await page
      .getByRole('navigation', { name: 'Admin centre' })
      .getByRole('link', { name: 'Applications' })
      .click()
    await stepDone('binding')
    await stepDone('tracking')
    await page
      .locator('.checklist li[data-step="beacon"]')
      .getByRole('link', { name: 'Get the beacon snippet' })
      .click()
    const card = page.locator('#snippet')
    await card.getByRole('heading', { name: 'Send beacons from your own site' }).waitFor()
    const copy = async (button: Locator) => {
      await button.click()
      await card.getByRole('status').filter({ hasText: 'Copied' }).first().waitFor({ state: 'attached' })
      return (await page.evaluate('navigator.clipboard.readText()')) as string
    }
    const server = await copy(card.getByRole('button', { name: /^Copy 1\. On your server/ }))
    const key = await copy(card.locator('.secret').getByRole('button', { name: /^Copy portal-/ }))
    const pagePart = await copy(card.getByRole('button', { name: /^Copy 2\. In your page/ }))
    expect(server).toContain('casetrailBeaconToken')
    expect(pagePart).toContain('{{token}}')
    await lookAt('04-beacon-snippet')

    // The portal's server: the snippet's server part, with the copied key in its environment, signs a
    // token for the signed-in visitor (Avery Lin, whom the portal's own sign-in knows).
    const file = join(snippetDir, 'casetrail-beacon.mjs')
    writeFileSync(file, server)
    process.env.CASETRAIL_PORTAL_KEY = key
    const { casetrailBeaconToken } = (await import(pathToFileURL(file).href)) as {
      casetrailBeaconToken: (contactId: string) => string
    }
    const visitor = /contact id\s+(\S+)/.exec(output.join(''))![1]!
    const html = `<!doctype html><html lang="en"><title>Fabrikam Help</title><h1>Reset your password</h1>${pagePart
      .replaceAll('{{token}}', casetrailBeaconToken(visitor))
      .replaceAll('{{contactId}}', visitor)
      .replaceAll('{{sessionId}}', 'fabrikam-session-1')
      .replaceAll('{{articleId}}', crypto.randomUUID())
      .replaceAll('{{articleTitle}}', 'Reset your password')}</html>`
    // The portal's own site, on another origin than casetrail.
    const sitePort = await freePort()
    site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(html)
    })
    await new Promise<void>((ok) => site!.listen(sitePort, '127.0.0.1', () => ok()))
    const sitePage = await context.newPage()
    const beacon = sitePage.waitForRequest((r) => r.url().includes('/interactions') && r.method() === 'POST')
    await sitePage.goto(`http://127.0.0.1:${sitePort}/article`)
    expect((await beacon).url()).toContain('?sas=')
    await sitePage.close()
  })

  it('shows "first beacon seen" on the checklist', async () => {
    await page
      .getByRole('navigation', { name: 'Admin centre' })
      .getByRole('link', { name: 'Applications' })
      .click()
    await stepDone('beacon')
    const checklist = page.locator('.checklist')
    await expect(checklist.getAttribute('data-all-done')).resolves.toBe('true')
    await checklist.getByRole('button', { name: 'Show the steps' }).click()
    await checklist.locator('li[data-step="beacon"]').getByText('Latest interaction received').waitFor()
    await lookAt('05-checklist-first-beacon-seen')
  })

  it('typed no id, and the pages logged no errors', () => {
    expect(typed.length).toBeGreaterThan(0)
    expect(typed.filter((text) => UUID.test(text))).toEqual([])
    expect(problems).toEqual([])
  })
})
