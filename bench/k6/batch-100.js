// Batched ingest: 100 interactions per POST.
//   k6 run -e BASE_URL=http://localhost:8787 -e ADMIN_TOKEN=… bench/k6/batch-100.js
import { check } from 'k6'
import http from 'k6/http'
import { Counter } from 'k6/metrics'
import { batch } from '../payloads.js'
import { prepare, sendParams } from './setup.js'

const BATCH = Number(__ENV.BATCH || 100)
const events = new Counter('events_accepted')

export const options = {
  scenarios: {
    batches: { executor: 'constant-vus', vus: Number(__ENV.VUS || 16), duration: __ENV.DURATION || '30s' },
  },
  thresholds: { http_req_failed: ['rate<0.01'] },
}

export function setup() {
  return prepare()
}

export default function (ctx) {
  const body = JSON.stringify(batch(BATCH, { portalId: ctx.portalId, contacts: ctx.contacts }))
  const res = http.post(`${ctx.base}/v1/hubs/${ctx.hubId}/interactions`, body, sendParams(ctx, 'batch'))
  if (check(res, { 'answered 202': (r) => r.status === 202 })) events.add(res.json('accepted'))
}
