import { journeyResponseSchema } from '../schemas/index.ts'
import type { JourneyParser } from './journey-client.ts'

/**
 * Checks the journey API's answer against the shared zod schema. This module
 * (and zod with it) is a chunk of its own, loaded while the request is in
 * flight, so the first script stays small.
 *
 * @example parseJourney(await response.json()) // { ok: true, journey }
 */
export const parseJourney: JourneyParser = (json) => {
  const result = journeyResponseSchema.safeParse(json)
  if (result.success) return { ok: true, journey: result.data }
  const issues = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
  return { ok: false, message: issues.join('; ') }
}
