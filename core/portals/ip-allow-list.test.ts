import { describe, expect, it } from 'vitest'
import { ipAllowList, isIpOrRange } from './ip-allow-list.ts'

describe('isIpOrRange', () => {
  it('takes addresses and CIDR ranges of both families', () => {
    for (const v of ['203.0.113.7', '203.0.113.0/24', '2001:db8::1', '2001:db8::/32', '0.0.0.0/0'])
      expect(isIpOrRange(v)).toBe(true)
  })
  it('refuses names, bad prefixes and junk', () => {
    for (const v of [
      'example.com',
      '203.0.113.0/33',
      '2001:db8::/129',
      '1.2.3.4/24/1',
      '1.2.3',
      '',
      '10.0.0.0/x',
    ])
      expect(isIpOrRange(v)).toBe(false)
  })
})

describe('ipAllowList', () => {
  const allowed = ipAllowList(['203.0.113.0/24', '198.51.100.7', '2001:db8::/32'])
  it('lets in addresses listed or inside a listed range', () => {
    expect(allowed('203.0.113.200')).toBe(true)
    expect(allowed('198.51.100.7')).toBe(true)
    expect(allowed('2001:db8:1::5')).toBe(true)
  })
  it('reads IPv4 addresses a dual-stack socket reports as IPv6', () => {
    expect(allowed('::ffff:203.0.113.9')).toBe(true)
  })
  it('keeps out everything else, and an unknown address', () => {
    expect(allowed('198.51.100.8')).toBe(false)
    expect(allowed('2001:db9::1')).toBe(false)
    expect(allowed('not an ip')).toBe(false)
    expect(allowed(null)).toBe(false)
  })
})
