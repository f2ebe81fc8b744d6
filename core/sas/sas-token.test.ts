import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { normaliseResource, resourceCovers } from './resource-uri.ts'
import { createSasToken, parseSasToken, signatureMatches } from './sas-token.ts'

// Reference: the Event Hubs recipe, written out independently with node:crypto.
function referenceToken(uri: string, keyName: string, key: string, expiry: number): string {
  const encoded = encodeURIComponent(uri)
  const hmac = createHmac('sha256', key).update(`${encoded}\n${expiry}`, 'utf8').digest('base64')
  return `SharedAccessSignature sr=${encoded}&sig=${encodeURIComponent(hmac)}&se=${expiry}&skn=${keyName}`
}

describe('createSasToken', () => {
  it('matches the Event Hubs recipe byte for byte', () => {
    const uri = 'https://casetrail.example.com/v1/hubs/0d5f3c9e-6a55-4d4e-9b8e-2b8a1f3c7d10'
    const key = 'c2VjcmV0LWtleS13aXRoLXBsdXMrYW5kL3NsYXNo+/='
    expect(createSasToken({ resourceUri: uri, keyName: 'default', key, expiresAt: 1_800_000_000 })).toBe(
      referenceToken(uri, 'default', key, 1_800_000_000),
    )
  })

  it('computes the expiry from ttlSeconds and the clock', () => {
    const t = createSasToken({ resourceUri: 'h/x', keyName: 'k', key: 's', ttlSeconds: 60, now: 1_000_000 })
    expect(t).toContain('&se=1060&')
  })
})

describe('parseSasToken', () => {
  const token = referenceToken('https://h.example/v1/hubs/a', 'send-only', 'k3y', 1_900_000_000)

  it('reads every field of a well-formed token', () => {
    const r = parseSasToken(token)
    expect(r).toMatchObject({
      ok: true,
      token: { resourceUri: 'https://h.example/v1/hubs/a', keyName: 'send-only' },
    })
    if (r.ok) expect(r.token.expiresAt).toBe(1_900_000_000)
  })

  it.each([
    ['empty', ''],
    ['no sig', 'SharedAccessSignature sr=a&se=1&skn=k'],
    ['se not a number', token.replace('se=1900000000', 'se=soon')],
    ['sig not base64', token.replace(/sig=[^&]+/, 'sig=%%%')],
    ['sig too short', token.replace(/sig=[^&]+/, 'sig=AAAA')],
    ['field twice', `${token}&skn=other`],
    ['part without name', `${token}&=x`],
  ])('refuses a token with %s as token_malformed', (_label, raw) => {
    expect(parseSasToken(raw)).toMatchObject({ ok: false, code: 'token_malformed' })
  })
})

describe('signatureMatches', () => {
  const parsed = (t: string) => {
    const r = parseSasToken(t)
    if (!r.ok) throw new Error(r.message)
    return r.token
  }
  it('accepts the primary or the secondary secret', () => {
    const t = parsed(referenceToken('https://h/v1/hubs/a', 'k', 'secondary-secret', 1))
    expect(signatureMatches(t, ['primary-secret', 'secondary-secret'])).toBe(true)
  })
  it('refuses a signature made with another key', () => {
    const t = parsed(referenceToken('https://h/v1/hubs/a', 'k', 'guess', 1))
    expect(signatureMatches(t, ['primary-secret', 'secondary-secret'])).toBe(false)
  })
  it('refuses a token whose resource was edited after signing', () => {
    const good = referenceToken('https://h/v1/hubs/a', 'k', 'secret', 1)
    const forged = good.replace(
      encodeURIComponent('https://h/v1/hubs/a'),
      encodeURIComponent('https://h/v1/hubs'),
    )
    expect(signatureMatches(parsed(forged), ['secret'])).toBe(false)
  })
})

describe('resource coverage', () => {
  const n = (u: string) => normaliseResource(u)!
  it('covers the resource itself and everything below it', () => {
    expect(resourceCovers(n('https://h/v1/hubs/ab'), n('https://h/v1/hubs/ab'))).toBe(true)
    expect(resourceCovers(n('https://h/v1/hubs/ab'), n('https://h/v1/hubs/ab/contacts/c1'))).toBe(true)
  })
  it('stops at segment boundaries', () => {
    expect(resourceCovers(n('https://h/v1/hubs/ab'), n('https://h/v1/hubs/abc'))).toBe(false)
    expect(resourceCovers(n('https://h/v1/hubs/ab/portals/p'), n('https://h/v1/hubs/ab'))).toBe(false)
  })
  it('ignores scheme and host case and a trailing slash', () => {
    expect(
      resourceCovers(n('HTTP://H.Example/v1/hubs/ab/'), n('https://h.example/v1/hubs/ab/portals/p')),
    ).toBe(true)
    expect(resourceCovers(n('h.example/v1/hubs/ab'), n('https://h.example/v1/hubs/ab'))).toBe(true)
  })
  it('keeps path case and other hosts apart', () => {
    expect(resourceCovers(n('https://h/v1/hubs/AB'), n('https://h/v1/hubs/ab'))).toBe(false)
    expect(resourceCovers(n('https://other/v1/hubs/ab'), n('https://h/v1/hubs/ab'))).toBe(false)
  })
  it('refuses dot segments and queries', () => {
    expect(normaliseResource('https://h/v1/hubs/ab/../cd')).toBeNull()
    expect(normaliseResource('https://h/v1/hubs/ab?x=1')).toBeNull()
  })
})
