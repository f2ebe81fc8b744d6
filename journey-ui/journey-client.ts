import type { JourneyResponse } from '../schemas/index.ts'

/** What the widget asks the journey API for. */
export interface JourneyRequest {
  /** casetrail's origin (and path prefix, if any), e.g. `https://casetrail.example.com`. */
  baseUrl: string
  hubId: string
  contactId: string
  /** The case's creation time, ISO 8601 with an offset. */
  before: string
  /** ISO 8601 duration, e.g. `P7D`. */
  window: string
  /** ISO 8601 duration after the case to include, e.g. `P1D`; none when absent. */
  after?: string
  /** A per-contact read token, with or without the `SharedAccessSignature ` prefix. */
  token: string
}

/** Why a journey could not be shown, as the widget tells the rep. */
export type JourneyErrorCode =
  | 'token_expired'
  | 'token_refused'
  | 'not_found'
  | 'bad_request'
  | 'api_down'
  | 'invalid_answer'

/** The result of one journey fetch: the parsed answer, or a failure with its code. */
export type JourneyOutcome =
  | { ok: true; journey: JourneyResponse }
  | { ok: false; code: JourneyErrorCode; status?: number; serverCode?: string; message?: string }

/** Checks a JSON value against the shared journey schema (lives in its own chunk, with zod). */
export type JourneyParser = (
  json: unknown,
) => { ok: true; journey: JourneyResponse } | { ok: false; message: string }

/** What {@link fetchJourney} needs from outside; tests hand in fakes. */
export interface JourneyClientDeps {
  fetch: typeof globalThis.fetch
  loadParser: () => Promise<JourneyParser>
  /** Called once the API has answered 200, before the body is read: a cue to start loading the chart. */
  onAnswer?: () => void
}

/**
 * The journey API's URL for a request.
 *
 * @example journeyUrl({ baseUrl: 'https://ct.example', hubId: 'h', contactId: 'c', before: '…', window: 'P7D', token })
 * // 'https://ct.example/v1/hubs/h/contacts/c/journey?before=…&window=P7D'
 */
export function journeyUrl(request: JourneyRequest): string {
  const base = request.baseUrl.replace(/\/+$/, '')
  const path = `/v1/hubs/${encodeURIComponent(request.hubId)}/contacts/${encodeURIComponent(request.contactId)}/journey`
  const query = new URLSearchParams({ before: request.before, window: request.window })
  if (request.after) query.set('after', request.after)
  return `${base}${path}?${query}`
}

/** The `Authorization` header value for a token given with or without its scheme. */
export function authorizationFor(token: string): string {
  const trimmed = token.trim()
  return /^SharedAccessSignature\s/i.test(trimmed) ? trimmed : `SharedAccessSignature ${trimmed}`
}

function errorDetails(body: unknown): { serverCode?: string; message?: string } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return {}
  const error = (body as { error: unknown }).error
  if (typeof error !== 'object' || error === null) return {}
  const { code, message } = error as { code?: unknown; message?: unknown }
  return {
    ...(typeof code === 'string' ? { serverCode: code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
  }
}

function failureFor(status: number): JourneyErrorCode {
  if (status === 401 || status === 403) return 'token_refused'
  if (status === 404) return 'not_found'
  if (status === 429 || status >= 500) return 'api_down'
  return 'bad_request'
}

/**
 * Fetches a contact's journey and parses it with the shared schema. The
 * parser's chunk loads while the request is in flight. Expected failures come
 * back as values; only an abort through `signal` rejects.
 *
 * @example
 * const outcome = await fetchJourney(request, { fetch, loadParser }, controller.signal)
 * if (!outcome.ok && outcome.code === 'token_expired') showExpired()
 */
export async function fetchJourney(
  request: JourneyRequest,
  deps: JourneyClientDeps,
  signal?: AbortSignal,
): Promise<JourneyOutcome> {
  const parser = deps.loadParser().then(
    (parse) => ({ parse }),
    () => null,
  )
  let response: Response
  try {
    response = await deps.fetch(journeyUrl(request), {
      headers: { Authorization: authorizationFor(request.token), Accept: 'application/json' },
      credentials: 'omit',
      mode: 'cors',
      ...(signal ? { signal } : {}),
    })
  } catch (err) {
    if (signal?.aborted) throw err
    return { ok: false, code: 'api_down' }
  }
  if (!response.ok) {
    const details = errorDetails(await response.json().catch(() => null))
    const code =
      response.status === 401 && details.serverCode === 'token_expired'
        ? 'token_expired'
        : failureFor(response.status)
    return { ok: false, code, status: response.status, ...details }
  }
  deps.onAnswer?.()
  let json: unknown
  try {
    json = await response.json()
  } catch (err) {
    if (signal?.aborted) throw err
    return { ok: false, code: 'invalid_answer', status: response.status, message: 'the body is not JSON' }
  }
  const loaded = await parser
  // The widget cannot check the answer without its parser chunk: casetrail is, in effect, unreachable.
  if (!loaded) return { ok: false, code: 'api_down', message: 'the widget could not load its parser' }
  const parsed = loaded.parse(json)
  return parsed.ok
    ? { ok: true, journey: parsed.journey }
    : { ok: false, code: 'invalid_answer', status: response.status, message: parsed.message }
}
