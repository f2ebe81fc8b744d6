import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type PortalTestCore, startPortalTestCore } from '../support/portal-fixtures.ts'

/**
 * Hub-binding refusals tell a portal manager who may not see hubs nothing
 * about hubs they do not hold a key of (issue 20, item 10): a hub that does
 * not exist, a key name the hub lacks and a secret that is not the key's
 * answer the same. A tenant administrator, who may list hubs and keys, still
 * gets the refusal that names the part at fault.
 */
let t: PortalTestCore
let instanceId: string
let hub: Awaited<ReturnType<PortalTestCore['createHub']>>
let portal: { id: string }
let manager: { token: string }

type ErrorBody = { error: { code: string; message: string; field?: string } }

beforeAll(async () => {
  t = await startPortalTestCore()
  instanceId = (await t.createInstance({ name: 'Adatum' })).id
  hub = await t.createHub('Not yours')
  portal = await t.provisionAndWait(instanceId)
  manager = await t.createUser('Portal manager', [{ role: 'system_administrator', instanceId }])
})
afterAll(async () => {
  await t.close()
  t.remove()
})

const WRONG_SECRET = Buffer.alloc(32, 7).toString('base64')
/** Missing hub, missing key name, a key of someone else's hub without its secret. */
const probes = () => ({
  'a hub that does not exist': { hubId: 'no-such-hub', keyName: 'default', key: WRONG_SECRET },
  'a key name the hub lacks': { hubId: hub.id, keyName: 'no-such-key', key: WRONG_SECRET },
  'a key the manager does not hold': { hubId: hub.id, keyName: 'default', key: WRONG_SECRET },
})

describe('a portal manager who is not a tenant administrator', () => {
  it('gets one answer for a missing hub, a missing key name and a key not theirs (configure)', async () => {
    const answers = []
    for (const [label, creds] of Object.entries(probes())) {
      const res = await t.call<ErrorBody>(
        manager.token,
        'PUT',
        `/v1/admin/portals/${portal.id}/hub-binding`,
        {
          ...creds,
          termsAccepted: true,
        },
      )
      answers.push({ label, status: res.status, body: res.body })
    }
    for (const a of answers) expect(a.status, a.label).toBe(400)
    expect(answers[0]!.body.error).toMatchObject({ code: 'binding_key_invalid' })
    expect(answers[1]!.body, answers[1]!.label).toEqual(answers[0]!.body)
    expect(answers[2]!.body, answers[2]!.label).toEqual(answers[0]!.body)
    expect(JSON.stringify(answers[0]!.body)).not.toContain(hub.id)
  })

  it('gets the same answer when provisioning with a hub', async () => {
    const bodies = []
    for (const creds of Object.values(probes())) {
      await t.addLicence()
      const res = await t.call<ErrorBody>(manager.token, 'POST', '/v1/admin/portals', {
        ...t.provisionBody(instanceId),
        hub: creds,
      })
      expect(res.status).toBe(400)
      bodies.push(res.body)
    }
    expect(bodies[1]).toEqual(bodies[0])
    expect(bodies[2]).toEqual(bodies[0])
  })

  it('gets the same answer when changing the key name of a binding it has', async () => {
    const bound = await t.provisionAndWait(instanceId, {
      hub: { hubId: hub.id, keyName: 'default', key: hub.keys[0]!.primaryKey },
    })
    const path = `/v1/admin/portals/${bound.id}/hub-binding`
    const unknown = await t.call<ErrorBody>(manager.token, 'PATCH', path, {
      keyName: 'no-such-key',
      key: WRONG_SECRET,
    })
    const wrong = await t.call<ErrorBody>(manager.token, 'PATCH', path, {
      keyName: 'default',
      key: WRONG_SECRET,
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body).toEqual(wrong.body)
  })
})

describe('a tenant administrator', () => {
  it('still hears which part is wrong', async () => {
    const codes = []
    for (const creds of Object.values(probes())) {
      const res = await t.admin<ErrorBody>('PUT', `/v1/admin/portals/${portal.id}/hub-binding`, {
        ...creds,
        termsAccepted: true,
      })
      codes.push([res.status, res.body.error.code])
    }
    expect(codes).toEqual([
      [404, 'hub_not_found'],
      [400, 'binding_key_unknown'],
      [400, 'binding_key_invalid'],
    ])
  })
})
