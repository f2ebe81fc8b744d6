import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DomainError } from '../../core/index.ts'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'

// The lists that grow beyond hubs, portals, users and contacts: a hub's contact profiles
// (paged in the store) and provisioning jobs (one portal's attempts; every portal the caller
// may manage, newest first, by state). Real store; the clock stands still, so every job
// starts in the same millisecond and the order rests on its tie-breaker.

let t: PortalTestCore
let failing = false
const tokens = { sysA: '', none: '' }
const portals = { a1: '', a2: '', a3: '', b1: '' }
let hubId: string
const profileIds = Array.from({ length: 7 }, () => randomUUID()).sort()

interface Job {
  key: string
  portalId: string
  attempt: number
  state: string
  createdAt: string
  portalName?: string
}
interface Page<T> {
  status: number
  body: { jobs?: T[]; profiles?: T[]; nextCursor: string | null; error?: { code: string; field?: string } }
}

const get = <T>(path: string, token?: string): Promise<Page<T>> =>
  (token ? t.call(token, 'GET', path) : t.admin('GET', path)) as Promise<Page<T>>

/** Every page of `limit`, following nextCursor; the items in the order the pages gave them. */
async function walk<T>(path: string, key: 'jobs' | 'profiles', limit: number, token?: string): Promise<T[]> {
  const out: T[] = []
  let cursor: string | null = null
  for (let n = 0; n < 50; n++) {
    const sep = path.includes('?') ? '&' : '?'
    const res: Page<T> = await get<T>(
      `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      token,
    )
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const items = res.body[key]!
    expect(items.length).toBeLessThanOrEqual(limit)
    out.push(...items)
    cursor = res.body.nextCursor
    if (cursor === null) return out
  }
  throw new Error('more than 50 pages')
}

beforeAll(async () => {
  const frozen = Date.now()
  t = await startPortalTestCore({
    clock: () => frozen,
    portals: {
      faults: {
        beforeStep: (at) => {
          if (failing && at.step === 'allocate_url') {
            throw new DomainError('unavailable', 'dns_lookup_failed', 'the DNS provider timed out')
          }
        },
      },
    },
  })
  const a = (await t.createInstance({ name: 'Contoso' })).id
  const b = (await t.createInstance({ name: 'Fabrikam' })).id
  tokens.sysA = (await t.createUser('sys A', [{ role: 'system_administrator', instanceId: a }])).token
  tokens.none = (await t.createUser('nobody', [])).token
  const provision = async (instanceId: string, fail: boolean) => {
    failing = fail
    const p = await t.provisionAndWait(instanceId)
    failing = false
    return p.id
  }
  portals.a1 = await provision(a, true)
  portals.a2 = await provision(a, false)
  portals.a3 = await provision(a, true)
  portals.b1 = await provision(b, true)
  // a3: a second failed attempt, then a third that succeeds.
  for (const fail of [true, false]) {
    failing = fail
    expect((await t.admin('POST', `/v1/admin/portals/${portals.a3}/provisioning/restart`)).status).toBe(202)
    await t.core.portals.settled()
    failing = false
  }

  hubId = (await t.createHub('Profiles')).id
  expect(
    (await t.admin('PUT', `/v1/admin/hubs/${hubId}/profile-config`, { entity: 'contact', linkedTypes: [] }))
      .status,
  ).toBe(200)
  const imported = await t.admin('POST', `/v1/admin/hubs/${hubId}/profiles`, [
    ...profileIds.map((id, i) => ({ crmrecordid: id.toUpperCase(), name: `Contact ${i}` })),
  ])
  expect(imported.body).toMatchObject({ upserted: 7 })
})
afterAll(async () => {
  await t.close()
  t.remove()
})

describe('provisioning jobs across portals', () => {
  it('pages every job once, newest first, ties (one millisecond) broken by job key', async () => {
    const jobs = await walk<Job>('/v1/admin/provisioning-jobs', 'jobs', 2)
    expect(jobs).toHaveLength(6)
    expect(new Set(jobs.map((j) => j.key)).size).toBe(6)
    expect(new Set(jobs.map((j) => j.createdAt)).size).toBe(1)
    expect(jobs.map((j) => j.key)).toEqual(
      jobs
        .map((j) => j.key)
        .sort()
        .reverse(),
    )
    expect(await walk<Job>('/v1/admin/provisioning-jobs', 'jobs', 500)).toEqual(jobs)
    expect(jobs.find((j) => j.portalId === portals.a1)).toMatchObject({ portalName: 'Contoso Help' })
  })

  it('filters by state: the failed ones, in pages of 1', async () => {
    const failed = await walk<Job>('/v1/admin/provisioning-jobs?state=failed', 'jobs', 1)
    expect(failed.map((j) => [j.portalId, j.attempt]).sort()).toEqual(
      [
        [portals.a1, 1],
        [portals.a3, 1],
        [portals.a3, 2],
        [portals.b1, 1],
      ].sort(),
    )
    expect(failed.every((j) => j.state === 'failed')).toBe(true)
    const ok = await walk<Job>('/v1/admin/provisioning-jobs?state=succeeded', 'jobs', 5)
    expect(ok.map((j) => [j.portalId, j.attempt]).sort()).toEqual(
      [
        [portals.a2, 1],
        [portals.a3, 3],
      ].sort(),
    )
  })

  it('shows a system administrator only their instance’s jobs, and someone with no role none', async () => {
    const mine = await walk<Job>('/v1/admin/provisioning-jobs', 'jobs', 2, tokens.sysA)
    expect(mine).toHaveLength(5)
    expect(mine.some((j) => j.portalId === portals.b1)).toBe(false)
    expect(await walk<Job>('/v1/admin/provisioning-jobs', 'jobs', 2, tokens.none)).toEqual([])
  })

  it.each([
    ['cursor=bm9wZQ%3D%3D', 'invalid_cursor', 'cursor'],
    ['cursor=%25%25%25', 'invalid_cursor', 'cursor'],
    ['limit=0', 'invalid_limit', 'limit'],
    ['limit=501', 'invalid_limit', 'limit'],
    ['state=broken', 'invalid_state', 'state'],
  ])('refuses ?%s: 400 %s naming %s', async (query, code, field) => {
    const res = await get<Job>(`/v1/admin/provisioning-jobs?${query}`)
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code, field })
  })
})

describe('a portal’s provisioning jobs', () => {
  it('pages its attempts in order, one a page', async () => {
    const jobs = await walk<Job>(`/v1/admin/portals/${portals.a3}/provisioning/jobs`, 'jobs', 1)
    expect(jobs.map((j) => [j.attempt, j.state])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'succeeded'],
    ])
  })

  it('answers the seed’s 403 to someone who may not manage the portal, and 404 for no portal', async () => {
    const denied = await get<Job>(`/v1/admin/portals/${portals.a3}/provisioning/jobs`, tokens.none)
    expect(denied.status).toBe(403)
    expect(denied.body.error).toMatchObject({ code: 'portal_manage_forbidden' })
    expect((await get<Job>(`/v1/admin/portals/${portals.b1}/provisioning/jobs`, tokens.sysA)).status).toBe(
      403,
    )
    expect((await get<Job>(`/v1/admin/portals/${portals.a3}/provisioning/jobs`, tokens.sysA)).status).toBe(
      200,
    )
    expect((await get<Job>(`/v1/admin/portals/${randomUUID()}/provisioning/jobs`)).status).toBe(404)
  })

  it('refuses a bad cursor and a bad limit with the field at fault', async () => {
    const path = `/v1/admin/portals/${portals.a3}/provisioning/jobs`
    expect((await get<Job>(`${path}?cursor=%25%25`)).body.error).toMatchObject({
      code: 'invalid_cursor',
      field: 'cursor',
    })
    expect((await get<Job>(`${path}?limit=x`)).body.error).toMatchObject({
      code: 'invalid_limit',
      field: 'limit',
    })
  })
})

describe('a hub’s contact profiles', () => {
  interface Profile {
    crmrecordid: string
    name?: string
  }

  it('pages every profile once, by crmrecordid', async () => {
    const all = await walk<Profile>(`/v1/admin/hubs/${hubId}/profiles`, 'profiles', 3)
    expect(all.map((p) => p.crmrecordid)).toEqual(profileIds)
    expect(await walk<Profile>(`/v1/admin/hubs/${hubId}/profiles`, 'profiles', 7)).toEqual(all)
    const first = await get<Profile>(`/v1/admin/hubs/${hubId}/profiles?limit=7`)
    expect(first.body.nextCursor).toBeNull()
  })

  it('does not shift the next page when a profile before the cursor is deleted', async () => {
    const first = await get<Profile>(`/v1/admin/hubs/${hubId}/profiles?limit=2`)
    const cursor = encodeURIComponent(first.body.nextCursor!)
    const before = await get<Profile>(`/v1/admin/hubs/${hubId}/profiles?limit=2&cursor=${cursor}`)
    await t.admin('DELETE', `/v1/admin/hubs/${hubId}/profiles/${profileIds[0]}`)
    const after = await get<Profile>(`/v1/admin/hubs/${hubId}/profiles?limit=2&cursor=${cursor}`)
    expect(after.body.profiles).toEqual(before.body.profiles)
  })

  it('answers 403 role_required to an admin who is not a tenant administrator, 404 for no hub', async () => {
    const denied = await get<Profile>(`/v1/admin/hubs/${hubId}/profiles`, tokens.sysA)
    expect(denied.status).toBe(403)
    expect(denied.body.error).toMatchObject({ code: 'role_required' })
    expect((await get<Profile>('/v1/admin/hubs/no-such-hub/profiles')).status).toBe(404)
  })

  it.each([
    ['cursor=%25%25%25', 'invalid_cursor', 'cursor'],
    ['cursor=bm90LWEtY3Vyc29y%3D', 'invalid_cursor', 'cursor'],
    ['limit=-1', 'invalid_limit', 'limit'],
  ])('refuses ?%s: 400 %s naming %s', async (query, code, field) => {
    const res = await get<Profile>(`/v1/admin/hubs/${hubId}/profiles?${query}`)
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code, field })
  })
})
