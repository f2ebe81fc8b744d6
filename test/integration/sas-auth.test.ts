import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSasToken } from '../../core/index.ts'
import { search } from '../support/interactions.ts'
import { PUBLIC_URL, startTestCore, tokenFor } from '../support/test-core.ts'

let t: Awaited<ReturnType<typeof startTestCore>>
let hubId: string
let primary: string
let secondary: string

beforeAll(async () => {
  t = await startTestCore()
  const hub = (await (
    await t.admin('/v1/admin/hubs', { method: 'POST', body: JSON.stringify({ name: 'Auth' }) })
  ).json()) as {
    id: string
    keys: Array<{ primaryKey: string; secondaryKey: string }>
  }
  hubId = hub.id
  primary = hub.keys[0]!.primaryKey
  secondary = hub.keys[0]!.secondaryKey
})
afterAll(async () => {
  await t.close()
  t.remove()
})

const send = (token: string | null, path = `/v1/hubs/${hubId}/interactions`, item: unknown = search()) =>
  t.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) },
    body: JSON.stringify(item),
  })
const read = (token: string, contactId: string) =>
  t.app.request(
    `/v1/hubs/${hubId}/contacts/${contactId}/journey?before=${encodeURIComponent(new Date().toISOString())}`,
    {
      headers: { authorization: token },
    },
  )
const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code

describe('shared access signatures', () => {
  it('accepts a token signed with the primary or the secondary secret', async () => {
    expect((await send(tokenFor(`/v1/hubs/${hubId}`, primary))).status).toBe(202)
    expect((await send(tokenFor(`/v1/hubs/${hubId}`, secondary))).status).toBe(202)
  })

  it('answers 401 token_missing with a WWW-Authenticate challenge', async () => {
    const res = await send(null)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('SharedAccessSignature')
    expect(await codeOf(res)).toBe('token_missing')
  })

  it.each([
    ['another scheme', 'Bearer abc', 'token_malformed'],
    ['a token without sig', 'SharedAccessSignature sr=x&se=1&skn=default', 'token_malformed'],
  ])('answers 401 for %s', async (_label, token, code) => {
    const res = await send(token)
    expect(res.status).toBe(401)
    expect(await codeOf(res)).toBe(code)
  })

  it('answers 401 token_expired past the expiry and the clock-skew allowance', async () => {
    const res = await send(
      tokenFor(`/v1/hubs/${hubId}`, primary, { now: Date.now() - 3_600_000, ttlSeconds: 60 }),
    )
    expect(res.status).toBe(401)
    expect(await codeOf(res)).toBe('token_expired')
  })

  it('accepts a token that expired within the clock-skew allowance', async () => {
    const res = await send(
      tokenFor(`/v1/hubs/${hubId}`, primary, { now: Date.now() - 70_000, ttlSeconds: 60 }),
    )
    expect(res.status).toBe(202)
  })

  it('answers 401 signature_invalid for a forged signature', async () => {
    const res = await send(tokenFor(`/v1/hubs/${hubId}`, 'a-guessed-secret'))
    expect(res.status).toBe(401)
    expect(await codeOf(res)).toBe('signature_invalid')
  })

  it('answers 401 key_unknown for a key name the hub does not have', async () => {
    const res = await send(tokenFor(`/v1/hubs/${hubId}`, primary, { keyName: 'nobody' }))
    expect(res.status).toBe(401)
    expect(await codeOf(res)).toBe('key_unknown')
  })

  it('answers 400 token_ambiguous when the token comes in the header and in ?sas=', async () => {
    const token = tokenFor(`/v1/hubs/${hubId}`, primary)
    const res = await send(token, `/v1/hubs/${hubId}/interactions?sas=${encodeURIComponent(token)}`)
    expect(res.status).toBe(400)
    expect(await codeOf(res)).toBe('token_ambiguous')
  })
})

describe('scope', () => {
  it('lets a portal token send to its portal only', async () => {
    const portalId = randomUUID()
    const token = tokenFor(`/v1/hubs/${hubId}/portals/${portalId}`, primary)
    const item = search({ portal_portalid: portalId })
    expect((await send(token, `/v1/hubs/${hubId}/portals/${portalId}/interactions`, item)).status).toBe(202)
    const elsewhere = await send(token, `/v1/hubs/${hubId}/portals/${randomUUID()}/interactions`, item)
    expect(elsewhere.status).toBe(403)
    expect(await codeOf(elsewhere)).toBe('token_scope')
    const hubWide = await send(token, `/v1/hubs/${hubId}/interactions`, item)
    expect(hubWide.status).toBe(403)
  })

  it('stops coverage at a path segment boundary', async () => {
    const token = tokenFor(`/v1/hubs/${hubId}/portals/abc`, primary)
    const res = await send(
      token,
      `/v1/hubs/${hubId}/portals/abcd/interactions`,
      search({ portal_portalid: randomUUID() }),
    )
    expect(res.status).toBe(403)
    expect(await codeOf(res)).toBe('token_scope')
  })

  it('ignores scheme and host case in the token resource', async () => {
    const upper = PUBLIC_URL.replace('http://', 'HTTP://').replace('casetrail.test', 'CaseTrail.TEST')
    const token = createSasToken({
      resourceUri: `${upper}/v1/hubs/${hubId}`,
      keyName: 'default',
      key: primary,
    })
    expect((await send(token)).status).toBe(202)
  })

  it('refuses a token for another host', async () => {
    const token = createSasToken({
      resourceUri: `http://elsewhere.test/v1/hubs/${hubId}`,
      keyName: 'default',
      key: primary,
    })
    const res = await send(token)
    expect(res.status).toBe(403)
    expect(await codeOf(res)).toBe('token_scope')
  })

  it('lets a hub-wide read token read contact after contact, and a contact token only its own each time', async () => {
    const hubWide = tokenFor(`/v1/hubs/${hubId}`, primary)
    const mine = randomUUID()
    const contactToken = tokenFor(`/v1/hubs/${hubId}/contacts/${mine}`, primary)
    for (let i = 0; i < 3; i++) {
      expect((await read(hubWide, randomUUID())).status).toBe(200)
      expect((await read(contactToken, mine)).status).toBe(200)
      const other = await read(contactToken, randomUUID())
      expect(other.status).toBe(403)
      expect(await codeOf(other)).toBe('token_scope')
    }
  })

  it('lets a contact token read that contact journey and no other', async () => {
    const contactId = randomUUID()
    const token = tokenFor(`/v1/hubs/${hubId}/contacts/${contactId}`, primary)
    expect((await read(token, contactId)).status).toBe(200)
    const other = await read(token, randomUUID())
    expect(other.status).toBe(403)
    expect(await codeOf(other)).toBe('token_scope')
  })
})

describe('rights and key lifecycle', () => {
  it('refuses reading with a send-only key and sending with a read-only key (403 token_right)', async () => {
    const mk = async (keyName: string, rights: string[]) =>
      (await (
        await t.admin(`/v1/admin/hubs/${hubId}/keys`, {
          method: 'POST',
          body: JSON.stringify({ keyName, rights }),
        })
      ).json()) as { primaryKey: string }
    const sender = await mk('sender', ['send'])
    const reader = await mk('reader', ['read'])
    const contactId = randomUUID()
    const asSender = tokenFor(`/v1/hubs/${hubId}`, sender.primaryKey, { keyName: 'sender' })
    const asReader = tokenFor(`/v1/hubs/${hubId}`, reader.primaryKey, { keyName: 'reader' })
    expect((await send(asSender)).status).toBe(202)
    expect((await read(asReader, contactId)).status).toBe(200)
    const r1 = await read(asSender, contactId)
    expect(r1.status).toBe(403)
    expect(await codeOf(r1)).toBe('token_right')
    const r2 = await send(asReader)
    expect(r2.status).toBe(403)
    expect(await codeOf(r2)).toBe('token_right')
  })

  it('regenerating the primary secret revokes its tokens while the secondary keeps serving', async () => {
    const res = await t.admin(`/v1/admin/hubs/${hubId}/keys/default/regenerate`, {
      method: 'POST',
      body: JSON.stringify({ which: 'primary' }),
    })
    expect(res.status).toBe(200)
    const key = (await res.json()) as { primaryKey: string; secondaryKey: string }
    expect(key.primaryKey).not.toBe(primary)
    expect(key.secondaryKey).toBe(secondary)
    expect((await send(tokenFor(`/v1/hubs/${hubId}`, primary))).status).toBe(401)
    expect((await send(tokenFor(`/v1/hubs/${hubId}`, secondary))).status).toBe(202)
    expect((await send(tokenFor(`/v1/hubs/${hubId}`, key.primaryKey))).status).toBe(202)
    primary = key.primaryKey
  })

  it('deleting a key revokes every token made with it', async () => {
    const made = (await (
      await t.admin(`/v1/admin/hubs/${hubId}/keys`, {
        method: 'POST',
        body: JSON.stringify({ keyName: 'temp', rights: ['send'] }),
      })
    ).json()) as { primaryKey: string }
    const token = tokenFor(`/v1/hubs/${hubId}`, made.primaryKey, { keyName: 'temp' })
    expect((await send(token)).status).toBe(202)
    expect((await t.admin(`/v1/admin/hubs/${hubId}/keys/temp`, { method: 'DELETE' })).status).toBe(204)
    const res = await send(token)
    expect(res.status).toBe(401)
    expect(await codeOf(res)).toBe('key_unknown')
  })
})
