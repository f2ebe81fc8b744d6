import { type JourneyResponse, journeyResponseJsonSchema } from '../schemas/index.ts'
import type { JourneyParser } from './journey-client.ts'
import { validate } from './json-schema-check.ts'

// Derived from the zod schema once; the build puts the document itself in this
// chunk in place of schemas/ (and zod), see `parserSchemaInline` in build.ts.
let schema: ReturnType<typeof journeyResponseJsonSchema> | undefined

/**
 * Checks the journey API's answer against the shared schema, as JSON Schema
 * derived from the zod one (`journeyResponseJsonSchema`). This module is a
 * chunk of its own, about 3 KB, loaded while the request is in flight, so the
 * first script stays small.
 *
 * @example parseJourney(await response.json()) // { ok: true, journey }
 */
export const parseJourney: JourneyParser = (json) => {
  schema ??= journeyResponseJsonSchema()
  const issues = validate(schema, json)
  if (issues.length === 0) return { ok: true, journey: json as JourneyResponse }
  return {
    ok: false,
    message: issues
      .slice(0, 3)
      .map((issue) => `${issue.path}: ${issue.message}`)
      .join('; '),
  }
}
