import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'

// Answers built with every header already in a plain object. On
// @hono/node-server an answer whose headers are a plain object is written as
// it is; once a middleware touches `c.res.headers`, undici's Headers is built,
// filled and iterated (sorted) for the write: ~3-8 µs per beacon, measured
// beside a plain object. Middleware that adds headers to every answer (the
// request id, CORS) offers them here before the handler runs; a handler on the
// hot path answers with `jsonAnswer`, which takes them; after the handler, the
// middleware sets its headers the slow way only on answers that lack them
// (errors, other routes).

/** Answers that carry the offered headers already. */
const complete = new WeakSet<object>()

/** Offers a header for the answer (lower-case name), before `next()`. */
export function offerAnswerHeader(c: Context<AppEnv>, name: string, value: string): void {
  const offered = c.get('answerHeaders')
  if (offered) offered[name] = value
  else c.set('answerHeaders', { [name]: value })
}

/** Whether the request's answer was built by {@link jsonAnswer} and so carries every offered header. */
export const answerHasOfferedHeaders = (c: Context<AppEnv>): boolean => complete.has(c.res)

/**
 * A JSON answer with the offered headers and `extra` in one plain object, as
 * `c.json` would answer otherwise (`Content-Type: application/json`).
 *
 * @example
 * return jsonAnswer(c, { accepted: 1, rejected: [] }, 202, { 'casetrail-ack': 'logged' })
 */
export function jsonAnswer<E extends AppEnv>(
  c: Context<E>,
  body: unknown,
  status: number,
  extra?: Record<string, string>,
): Response {
  const res = new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json',
      ...(c as unknown as Context<AppEnv>).get('answerHeaders'),
      ...extra,
    },
  })
  complete.add(res)
  return res
}
