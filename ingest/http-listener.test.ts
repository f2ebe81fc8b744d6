import { afterEach, describe, expect, it } from 'vitest'
import { type HttpListener, startHttpListener } from './http-listener.ts'
import { setLeanRoute } from './lean-ingest.ts'

let listener: HttpListener | undefined
afterEach(async () => {
  await listener?.close()
  listener = undefined
})

describe('startHttpListener', () => {
  it("answers on an app's lean path first and leaves what it declines to the app", async () => {
    const app = async () => new Response('from the app', { status: 200 })
    setLeanRoute(app, (req, res) => {
      if (req.url !== '/lean') return false
      res.writeHead(204)
      res.end()
      return true
    })
    listener = await startHttpListener({ fetch: app, port: 0, hostname: '127.0.0.1' })
    const base = `http://127.0.0.1:${listener.port}`
    expect((await fetch(`${base}/lean`)).status).toBe(204)
    const declined = await fetch(`${base}/other`)
    expect({ status: declined.status, text: await declined.text() }).toEqual({
      status: 200,
      text: 'from the app',
    })
  })
})
