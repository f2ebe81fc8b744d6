// A mixed profile at fixed arrival rates: browser beacons, server-side batches
// and case forms reading journeys, side by side.
//   k6 run -e BASE_URL=… -e ADMIN_TOKEN=… -e CONTACTS=100000 bench/k6/mixed.js
// Rates (per second): BEACON_RATE (default 2000), BATCH_RATE (20), JOURNEY_RATE (200).
import { check } from 'k6'
import http from 'k6/http'
import { batch, contactId, interaction } from '../payloads.js'
import { prepare, sendParams } from './setup.js'

const duration = __ENV.DURATION || '60s'
const arrival = (rate, exec) => ({
  executor: 'constant-arrival-rate',
  rate,
  timeUnit: '1s',
  duration,
  preAllocatedVUs: 20,
  maxVUs: 400,
  exec,
})

export const options = {
  scenarios: {
    beacons: arrival(Number(__ENV.BEACON_RATE || 2000), 'beacon'),
    batches: arrival(Number(__ENV.BATCH_RATE || 20), 'serverBatch'),
    journeys: arrival(Number(__ENV.JOURNEY_RATE || 200), 'journey'),
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    'http_req_duration{name:beacon}': ['p(99)<10'],
    'http_req_duration{name:journey}': ['p(95)<15'],
  },
}

export function setup() {
  return prepare()
}

export function beacon(ctx) {
  const contact = ctx.contacts ? contactId(Math.floor(Math.random() * ctx.contacts)) : undefined
  const res = http.post(
    `${ctx.base}/v1/hubs/${ctx.hubId}/interactions`,
    JSON.stringify(interaction({ portalId: ctx.portalId, contactId: contact })),
    sendParams(ctx, 'beacon'),
  )
  check(res, { 'beacon 202': (r) => r.status === 202 })
}

export function serverBatch(ctx) {
  const res = http.post(
    `${ctx.base}/v1/hubs/${ctx.hubId}/interactions`,
    JSON.stringify(batch(100, { portalId: ctx.portalId, contacts: ctx.contacts })),
    sendParams(ctx, 'batch'),
  )
  check(res, { 'batch 202': (r) => r.status === 202 })
}

export function journey(ctx) {
  const contact = contactId(Math.floor(Math.random() * Math.max(ctx.contacts, 1)))
  const before = encodeURIComponent(new Date(Date.now() + 60_000).toISOString())
  const res = http.get(
    `${ctx.base}/v1/hubs/${ctx.hubId}/contacts/${contact}/journey?before=${before}&window=P7D`,
    {
      headers: { Authorization: ctx.readToken },
      tags: { name: 'journey' },
    },
  )
  check(res, { 'journey 200': (r) => r.status === 200 })
}
