// Single-beacon ingest: one interaction per POST, the durable 202 path.
//   k6 run -e BASE_URL=http://localhost:8787 -e ADMIN_TOKEN=… bench/k6/single-beacon.js
// RATE (requests/s) switches from as-fast-as-possible VUs to a fixed arrival rate.
import { check } from 'k6'
import http from 'k6/http'
import { interaction } from '../payloads.js'
import { prepare, sendParams } from './setup.js'

const rate = Number(__ENV.RATE || 0)
const duration = __ENV.DURATION || '30s'

export const options = {
  scenarios: {
    beacons: rate
      ? {
          executor: 'constant-arrival-rate',
          rate,
          timeUnit: '1s',
          duration,
          preAllocatedVUs: 50,
          maxVUs: 500,
        }
      : { executor: 'constant-vus', vus: Number(__ENV.VUS || 64), duration },
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    'http_req_duration{name:beacon}': ['p(99)<10'],
  },
}

export function setup() {
  return prepare()
}

export default function (ctx) {
  const item = interaction({ portalId: ctx.portalId })
  const res = http.post(
    `${ctx.base}/v1/hubs/${ctx.hubId}/interactions`,
    JSON.stringify(item),
    sendParams(ctx, 'beacon'),
  )
  check(res, {
    'answered 202': (r) => r.status === 202,
    'durably logged': (r) => r.headers['Casetrail-Ack'] === 'logged',
  })
}
