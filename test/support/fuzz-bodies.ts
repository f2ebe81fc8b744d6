import { randomUUID } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import type { Interaction } from '../../schemas/index.ts'
import { prng } from './seeded-random.ts'

export { prng }
type Rng = ReturnType<typeof prng>

/** One generated request: its body bytes, headers, and the items in it known to be valid. */
export interface FuzzBody {
  kind: 'random_json' | 'random_bytes' | 'mutated' | 'valid'
  body: Uint8Array
  contentType: string
  gzip: boolean
  /** Items that are valid as generated (index in the body's array, and interaction id). */
  valid: Array<{ index: number; id: string }>
  /** Every item that went in, by index, with its interaction id when it had a string one. */
  ids: Array<string | undefined>
}

const TYPES = [
  'portal_viewknowledgearticle',
  'portal_viewblogpost',
  'portal_viewforumthread',
  'portal_search',
]
const ODD_STRINGS = [
  '',
  'x\ud800',
  '\udc00',
  '\ud83d',
  '🔑 key',
  '\u0000',
  'a'.repeat(1001),
  '<script>alert(1)</script>',
  "'; DROP TABLE interactions; --",
  '\\',
  '"',
  '\u2028\u2029',
  'not-a-uuid',
  '2026-13-45T99:99:99Z',
  '9999-12-31T23:59:59Z',
  '1970-01-01T00:00:00Z',
  'NaN',
  '{"a":1}',
]

function randomString(r: Rng): string {
  if (r.next() < 0.4) return r.pick(ODD_STRINGS)
  const n = r.int(24)
  let s = ''
  for (let i = 0; i < n; i++) {
    const roll = r.next()
    // Mostly ASCII, some BMP, some surrogate halves and pairs.
    if (roll < 0.7) s += String.fromCharCode(0x20 + r.int(95))
    else if (roll < 0.85) s += String.fromCharCode(r.int(0xffff))
    else if (roll < 0.92) s += String.fromCharCode(0xd800 + r.int(0x800))
    else s += '😀'
  }
  return s
}

/** A random JSON value, nested up to `depth`. */
export function randomJson(r: Rng, depth = 5): unknown {
  const roll = r.int(depth > 0 ? 9 : 6)
  switch (roll) {
    case 0:
      return null
    case 1:
      return r.next() < 0.5
    case 2:
      return r.pick([0, -1, 1.5, 1e308, -1e-308, 2 ** 53 + 1, r.int(1000)])
    case 3:
    case 4:
      return randomString(r)
    case 5:
      return r.pick(TYPES)
    case 6:
    case 7:
      return Array.from({ length: r.int(6) }, () => randomJson(r, depth - 1))
    default: {
      const o: Record<string, unknown> = {}
      for (let i = r.int(6); i > 0; i--)
        o[r.next() < 0.5 ? randomString(r) : r.pick(FIELDS)] = randomJson(r, depth - 1)
      return o
    }
  }
}
const FIELDS = [
  'type',
  'portal_interactionid',
  'portal_contactid',
  'portal_timestamp',
  'portal_portalid',
  'portal_sessionid',
  'portal_knowledgearticleid',
  'portal_knowledgetitle',
  'portal_language',
  'portal_searchstring',
  'portal_blogtitle',
  '__proto__',
  'constructor',
]

/** A valid item of a random type, timestamped now. */
export function validItem(r: Rng, portalId: string): Interaction {
  const common = {
    portal_interactionid: randomUUID(),
    portal_contactid: randomUUID(),
    portal_timestamp: new Date(Date.now() - r.int(86_400_000)).toISOString(),
    portal_portalid: portalId,
  }
  const title = r.pick(['Reset your password', 'Réinitialiser 🔑', '重置密码', 'x'.repeat(1000)])
  switch (r.int(6)) {
    case 0:
      return {
        type: 'portal_viewknowledgearticle',
        ...common,
        portal_knowledgearticleid: randomUUID(),
        portal_knowledgetitle: title,
        portal_language: 'en-US',
      }
    case 1:
      return {
        type: 'portal_viewblogpost',
        ...common,
        portal_blogpostid: randomUUID(),
        portal_blogtitle: title,
      }
    case 2:
      return {
        type: 'portal_viewforumthread',
        ...common,
        portal_forumthreadid: randomUUID(),
        portal_forumthreadtitle: title,
        portal_sessionid: 's-1',
      }
    case 3:
      return { type: 'portal_search', ...common, portal_searchstring: title }
    case 4:
      return {
        type: 'portal_search',
        ...common,
        portal_searchstring: title,
        portal_searchresultcount: r.int(3),
      }
    default:
      return {
        type: 'portal_articlefeedback',
        ...common,
        portal_knowledgearticleid: randomUUID(),
        portal_helpful: r.int(2) === 0,
        ...(r.int(2) === 0 ? { portal_comment: title } : {}),
      }
  }
}

/** A valid item with one to three changes a careless or hostile client might make. */
function mutate(r: Rng, item: Interaction): Record<string, unknown> {
  const o: Record<string, unknown> = { ...item }
  const keys = Object.keys(o)
  for (let i = 1 + r.int(3); i > 0; i--) {
    const key = r.pick(keys)
    switch (r.int(8)) {
      case 0:
        delete o[key]
        break
      case 1:
        o[key] = randomJson(r, 2)
        break
      case 2:
        o[key] = r.pick(ODD_STRINGS)
        break
      case 3:
        o[randomString(r) || 'extra'] = randomJson(r, 1)
        break
      case 4:
        o.type = r.pick([...TYPES, 'portal_unknown', 42])
        break
      case 5:
        o[key] = `${String(o[key])}\ud800`
        break
      case 6:
        o.portal_timestamp = r.pick([
          new Date(Date.now() + 3_600_000).toISOString(),
          new Date(Date.now() - 200 * 86_400_000).toISOString(),
          '2026-11-02T09:30:00',
        ])
        break
      default:
        o[key] = [o[key]]
    }
  }
  return o
}

const encoder = new TextEncoder()

/** One request body of a random kind. */
export function fuzzBody(r: Rng, portalId: string): FuzzBody {
  const roll = r.next()
  const contentType = r.pick([
    'application/json',
    'text/plain;charset=UTF-8',
    'application/json; charset=utf-8',
  ])
  const gzip = r.next() < 0.1
  const finish = (
    kind: FuzzBody['kind'],
    bytes: Uint8Array,
    valid: FuzzBody['valid'] = [],
    ids: FuzzBody['ids'] = [],
  ): FuzzBody => ({ kind, body: gzip ? gzipSync(bytes) : bytes, contentType, gzip, valid, ids })

  if (roll < 0.2) {
    // Random bytes: truncated JSON, binary, brackets.
    const n = r.int(512)
    const bytes = new Uint8Array(n)
    const alphabet = encoder.encode('[]{}",:0123456789abcdefnulltrue \\u')
    for (let i = 0; i < n; i++) bytes[i] = r.next() < 0.5 ? alphabet[r.int(alphabet.length)]! : r.int(256)
    return finish('random_bytes', bytes)
  }
  if (roll < 0.45) return finish('random_json', encoder.encode(JSON.stringify(randomJson(r)) ?? 'null'))
  // A batch of valid and mutated items (at most 50, so every refusal is listed by index).
  const n = 1 + r.int(r.next() < 0.8 ? 5 : 50)
  const items: unknown[] = []
  const valid: FuzzBody['valid'] = []
  const ids: FuzzBody['ids'] = []
  const mutatedShare = roll < 0.9 ? 0.5 : 0
  for (let i = 0; i < n; i++) {
    const item = validItem(r, portalId)
    if (r.next() < mutatedShare) {
      const m = mutate(r, item)
      items.push(m)
      ids.push(typeof m.portal_interactionid === 'string' ? m.portal_interactionid : undefined)
    } else {
      items.push(item)
      valid.push({ index: i, id: item.portal_interactionid })
      ids.push(item.portal_interactionid)
    }
  }
  const text = JSON.stringify(n === 1 && r.next() < 0.5 ? items[0] : items)
  return finish(mutatedShare > 0 ? 'mutated' : 'valid', encoder.encode(text), valid, ids)
}
