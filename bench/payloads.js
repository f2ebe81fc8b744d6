// Interaction payloads for the benchmarks, shared by the k6 scripts (which
// cannot load TypeScript or Node built-ins) and the local runner. Plain ES
// modules, no imports; types live in payloads.d.ts.

/** The interaction types, in the schemas' order. */
export const INTERACTION_TYPES = [
  'portal_viewknowledgearticle',
  'portal_viewblogpost',
  'portal_viewforumthread',
  'portal_search',
  'portal_articlefeedback',
]

const HEX = '0123456789abcdef'

/** A random version-4 uuid (Math.random is enough for load generation). */
export function uuid() {
  let s = ''
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) s += '-'
    else if (i === 14) s += '4'
    else if (i === 19) s += HEX[8 + Math.floor(Math.random() * 4)]
    else s += HEX[Math.floor(Math.random() * 16)]
  }
  return s
}

/**
 * The uuid of contact number `n` in a generated data set. The journey table
 * generator in ClickHouse builds the same ids, so readers can pick contacts
 * that exist: `00000000-0000-4000-8000-<n as 12 hex digits>`.
 */
export function contactId(n) {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
}

/** The uuid of knowledge article number `n` (a small catalogue shared by all contacts). */
export function articleId(n) {
  return `00000000-0000-4000-9000-${n.toString(16).padStart(12, '0')}`
}

const SEARCHES = [
  'reset password',
  'two factor new phone',
  'invoice pdf export',
  'cancel subscription',
  'refund',
]
const pick = (list) => list[Math.floor(Math.random() * list.length)]

/**
 * One valid interaction of `type` (random by default) for a portal and contact,
 * timestamped `at` (ms since the epoch; now by default).
 */
export function interaction(options) {
  const type = options.type || pick(INTERACTION_TYPES)
  const base = {
    type,
    portal_interactionid: uuid(),
    portal_contactid: options.contactId || uuid(),
    portal_timestamp: new Date(options.at === undefined ? Date.now() : options.at).toISOString(),
    portal_portalid: options.portalId,
    portal_sessionid: `bench-${Math.floor(Math.random() * 1e9).toString(36)}`,
  }
  const n = Math.floor(Math.random() * 500)
  switch (type) {
    case 'portal_viewknowledgearticle':
      return Object.assign(base, {
        portal_knowledgearticleid: articleId(n),
        portal_knowledgetitle: `How to fix problem number ${n}`,
        portal_language: 'en-US',
      })
    case 'portal_viewblogpost':
      return Object.assign(base, { portal_blogpostid: articleId(n), portal_blogtitle: `Release notes ${n}` })
    case 'portal_viewforumthread':
      return Object.assign(base, {
        portal_forumthreadid: articleId(n),
        portal_forumthreadtitle: `Question about feature ${n}`,
      })
    case 'portal_articlefeedback':
      return Object.assign(base, { portal_knowledgearticleid: articleId(n), portal_helpful: n % 3 !== 0 })
    default:
      return Object.assign(base, { portal_searchstring: pick(SEARCHES), portal_searchresultcount: n % 11 })
  }
}

/** `size` interactions for one request, over `contacts` random contacts of the data set (random ids if 0). */
export function batch(size, options) {
  const out = []
  for (let i = 0; i < size; i++) {
    const contact = options.contacts ? contactId(Math.floor(Math.random() * options.contacts)) : undefined
    out.push(interaction({ portalId: options.portalId, contactId: contact, at: options.at }))
  }
  return out
}
