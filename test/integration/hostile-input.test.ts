import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_ERRORS_PER_ITEM, MAX_REJECTED_LISTED } from '../../schemas/index.ts'
import { articleView, search } from '../support/interactions.ts'
import { useTestCore, type TestHub, tokenFor } from '../support/test-core.ts'

// Each numbered defect of issue 8 that a body alone can trigger, sent to the
// real app on a real store.

const t = useTestCore()
let hub: TestHub
beforeAll(async () => {
  hub = await t.createHub('Hostile')
})

/** Posts a body as raw text (what JSON.stringify cannot produce, too). */
const sendRaw = (text: string, query = '') =>
  t.app.request(`/v1/hubs/${hub.id}/interactions${query}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: tokenFor(`/v1/hubs/${hub.id}`, hub.keys[0]!.primaryKey),
    },
    body: text,
  })

describe('lone surrogates (defect 1)', () => {
  it('refuses an item whose search string holds a lone surrogate with invalid_unicode and the field', async () => {
    const item = search()
    const text = JSON.stringify(item).replace('"password reset"', '"x\\ud800"')
    const res = await sendRaw(text)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      accepted: 0,
      rejected: [{ index: 0, errors: [{ path: 'portal_searchstring', code: 'invalid_unicode' }] }],
    })
    // Kept in the quarantine as refused at the edge, with well-formed text ClickHouse can store.
    await t.settled()
    const kept = (await (await t.admin(`/v1/admin/hubs/${hub.id}/quarantine`)).json()) as {
      items: Array<{ stage: string; code: string; path: string; raw: string }>
    }
    expect(kept.items).toContainEqual(
      expect.objectContaining({ stage: 'edge', code: 'invalid_unicode', path: 'portal_searchstring' }),
    )
  })

  it('takes the valid neighbours of an item with a lone low surrogate in its title', async () => {
    const good = search()
    const bad = JSON.stringify(articleView()).replace('"Reset your password"', '"\\udc00 tail"')
    const res = await sendRaw(`[${JSON.stringify(good)},${bad}]`, '?wait=stored')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      accepted: 1,
      rejected: [{ index: 1, errors: [{ path: 'portal_knowledgetitle', code: 'invalid_unicode' }] }],
    })
    expect(await t.core.repository.count(hub.id)).toBeGreaterThanOrEqual(1)
  })

  it('accepts well-formed text outside the basic plane (a surrogate pair)', async () => {
    const res = await t.sendTo(hub, search({ portal_searchstring: 'reset 🔑 key' }))
    expect(res.status).toBe(202)
  })

  it('answers an unknown field whose name holds a lone surrogate without failing', async () => {
    const text = JSON.stringify(search()).replace(/}$/, ',"\\ud800x":1}')
    const res = await sendRaw(text)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ rejected: [{ errors: [{ code: 'unknown_field' }] }] })
  })
})

describe('deep nesting (defect 2)', () => {
  it('answers [ x 5000 then ] x 5000 with 400 nesting_too_deep, not 500', async () => {
    const res = await sendRaw(`${'['.repeat(5000)}${']'.repeat(5000)}`)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'nesting_too_deep', field: 'body' } })
  })

  it('refuses deep objects too, and counts brackets inside strings as text', async () => {
    const deep = `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`
    const res = await sendRaw(deep)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'nesting_too_deep' } })
    const brackets = await t.sendTo(
      hub,
      search({ portal_searchstring: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{{{{' }),
    )
    expect(brackets.status).toBe(202)
  })

  it('answers an item nested just under the limit with an item error, not a 500', async () => {
    const res = await sendRaw(`[${'['.repeat(30)}${']'.repeat(30)}]`)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ rejected: [{ index: 0, errors: [{ code: 'invalid_type' }] }] })
  })
})

describe('error amplification (defect 4)', () => {
  it('refuses one item made of 120K unknown fields before parsing it, in a small answer', async () => {
    const fields: string[] = []
    for (let i = 0; i < 120_000; i++) fields.push(`"${i.toString(36)}":1`)
    const text = JSON.stringify(search()).replace(/}$/, `,${fields.join(',')}}`)
    expect(text.length).toBeLessThan(1024 * 1024)
    const res = await sendRaw(text)
    expect(res.status).toBe(400)
    const body = await res.text()
    expect(body.length).toBeLessThan(1024)
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'too_many_fields', field: 'body' } })
  })

  it('lists at most 20 errors of one item and counts the rest', async () => {
    const item: Record<string, unknown> = { ...search() }
    for (let i = 0; i < 50; i++) item[`extra${i}`] = i
    const res = await t.sendTo(hub, item)
    expect(res.status).toBe(400)
    const answer = (await res.json()) as { rejected: Array<{ errors: unknown[]; moreErrors?: number }> }
    expect(answer.rejected[0]!.errors).toHaveLength(MAX_ERRORS_PER_ITEM)
    expect(answer.rejected[0]!.moreErrors).toBe(50 - MAX_ERRORS_PER_ITEM)
  })

  it('lists the first rejected items in full and counts the rest by code', async () => {
    const items = Array.from({ length: 500 }, () => ({ type: 'nope' }))
    const res = await t.sendTo(hub, items)
    expect(res.status).toBe(400)
    const answer = (await res.json()) as {
      rejected: unknown[]
      moreRejected?: { items: number; errors: Record<string, number> }
    }
    expect(answer.rejected).toHaveLength(MAX_REJECTED_LISTED)
    expect(answer.moreRejected).toEqual({
      items: 500 - MAX_REJECTED_LISTED,
      errors: { unknown_type: 500 - MAX_REJECTED_LISTED },
    })
  })
})
