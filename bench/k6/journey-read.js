// Journey reads over a generated data set: CONTACTS contacts numbered as in
// bench/payloads.js (`npm run bench` generates such a table; so does
// `tsx bench/run.ts --only journey --keep` with a data dir you then serve).
//   k6 run -e BASE_URL=… -e HUB_ID=… -e HUB_KEY=… -e CONTACTS=100000 -e BEFORE=2026-11-22T00:00:00Z bench/k6/journey-read.js
import { check } from 'k6'
import http from 'k6/http'
import { contactId } from '../payloads.js'
import { prepare } from './setup.js'

export const options = {
  scenarios: {
    reads: { executor: 'constant-vus', vus: Number(__ENV.VUS || 16), duration: __ENV.DURATION || '30s' },
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    'http_req_duration{name:journey}': ['p(95)<15'],
  },
}

export function setup() {
  const ctx = prepare()
  if (!ctx.contacts) throw new Error('set CONTACTS to the number of contacts in the data set')
  return ctx
}

export default function (ctx) {
  const contact = contactId(Math.floor(Math.random() * ctx.contacts))
  const before = encodeURIComponent(__ENV.BEFORE || new Date().toISOString())
  const url = `${ctx.base}/v1/hubs/${ctx.hubId}/contacts/${contact}/journey?before=${before}&window=${__ENV.WINDOW || 'P7D'}`
  const res = http.get(url, { headers: { Authorization: ctx.readToken }, tags: { name: 'journey' } })
  check(res, { 'answered 200': (r) => r.status === 200 })
}
