import { describe, expect, it } from 'vitest'
import { RESERVED_SUBDOMAINS, checkSubdomain } from './subdomain.ts'

describe('checkSubdomain', () => {
  it('accepts letters, digits and inner hyphens, lower-cased', () => {
    expect(checkSubdomain('Contoso-Help2')).toEqual({ ok: true, subdomain: 'contoso-help2' })
    expect(checkSubdomain('a')).toEqual({ ok: true, subdomain: 'a' })
    expect(checkSubdomain('x'.repeat(63))).toMatchObject({ ok: true })
  })

  it.each(['contoso_help', 'contoso.help', 'contoso help', 'contosö', 'a/b', 'help!'])(
    'refuses %j: only alphanumeric characters or hyphens are permitted',
    (value) => {
      const result = checkSubdomain(value)
      expect(result).toMatchObject({ ok: false, code: 'subdomain_invalid_characters' })
      expect(result.ok || result.message).toContain('alphanumeric characters or hyphens')
    },
  )

  it('names the characters that are not permitted', () => {
    const result = checkSubdomain('a_b.c')
    expect(result.ok || result.message).toContain('"_", "."')
  })

  it.each(['-help', 'help-', '-'])(
    'refuses %j: a DNS label starts and ends with a letter or digit',
    (value) => {
      expect(checkSubdomain(value)).toMatchObject({ ok: false, code: 'subdomain_invalid_label' })
    },
  )

  it('refuses a label longer than 63 characters', () => {
    expect(checkSubdomain('x'.repeat(64))).toMatchObject({ ok: false, code: 'subdomain_too_long' })
  })

  it('refuses an empty subdomain', () => {
    expect(checkSubdomain('  ')).toMatchObject({ ok: false, code: 'subdomain_required' })
  })

  it.each(['www', 'WWW', 'admin', 'api', 'localhost', 'mail'])('refuses the reserved name %j', (value) => {
    expect(checkSubdomain(value)).toMatchObject({ ok: false, code: 'subdomain_reserved' })
  })

  it('refuses the "xx--" prefix DNS keeps for encoded names', () => {
    expect(checkSubdomain('xn--bcher-kva')).toMatchObject({ ok: false, code: 'subdomain_reserved' })
    expect(checkSubdomain('ab-c')).toMatchObject({ ok: true })
  })

  it('keeps the reserved list lower-case and itself valid', () => {
    for (const name of RESERVED_SUBDOMAINS) expect(name).toMatch(/^[a-z0-9]+$/)
  })
})
