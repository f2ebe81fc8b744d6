import { describe, expect, it } from 'vitest'
import { isDomainError } from '../errors.ts'
import {
  MANAGE_PORTAL_DENIED_MESSAGE,
  assertCanManagePortal,
  canGrantRole,
  canManagePortal,
} from './permissions.ts'

const GLOBAL = { roles: [{ role: 'global_administrator' as const }] }
const SERVICE = { roles: [{ role: 'service_administrator' as const }] }
const SYSADMIN_A = { roles: [{ role: 'system_administrator' as const, instanceId: 'a' }] }
const CUSTOMIZER_A = { roles: [{ role: 'system_customizer' as const, instanceId: 'a' }] }
const SYSADMIN_B = { roles: [{ role: 'system_administrator' as const, instanceId: 'b' }] }
const NOBODY = { roles: [] }

describe('canManagePortal', () => {
  it.each([
    ['a global administrator', GLOBAL, true],
    ['a service administrator', SERVICE, true],
    ['a system administrator of the portal’s instance', SYSADMIN_A, true],
    ['a system customizer of the portal’s instance', CUSTOMIZER_A, false],
    ['a system administrator of another instance', SYSADMIN_B, false],
    ['someone without roles', NOBODY, false],
  ])('%s: %s', (_who, principal, allowed) => {
    expect(canManagePortal(principal, 'a')).toBe(allowed)
  })

  it('refuses with the seed’s message, word for word', () => {
    expect(MANAGE_PORTAL_DENIED_MESSAGE).toBe(
      'You need to be a global administrator, service administrator, or system administrator for this organization in order to manage this portal.',
    )
    try {
      assertCanManagePortal(CUSTOMIZER_A, 'a')
      expect.unreachable()
    } catch (err) {
      expect(isDomainError(err, 'portal_manage_forbidden')).toBe(true)
      expect((err as Error).message).toBe(MANAGE_PORTAL_DENIED_MESSAGE)
    }
  })
})

describe('canGrantRole', () => {
  it('lets only a global administrator grant global administrator', () => {
    expect(canGrantRole(GLOBAL, { role: 'global_administrator' })).toBe(true)
    expect(canGrantRole(SERVICE, { role: 'global_administrator' })).toBe(false)
  })

  it('lets tenant administrators grant service administrator', () => {
    expect(canGrantRole(SERVICE, { role: 'service_administrator' })).toBe(true)
    expect(canGrantRole(SYSADMIN_A, { role: 'service_administrator' })).toBe(false)
  })

  it('lets a system administrator grant roles on their own instance only', () => {
    expect(canGrantRole(SYSADMIN_A, { role: 'system_customizer', instanceId: 'a' })).toBe(true)
    expect(canGrantRole(SYSADMIN_A, { role: 'system_administrator', instanceId: 'b' })).toBe(false)
    expect(canGrantRole(CUSTOMIZER_A, { role: 'system_customizer', instanceId: 'a' })).toBe(false)
  })
})
