import { Ajv, type ValidateFunction } from 'ajv'
import * as z from 'zod'
import {
  INVALID_UNICODE,
  type Interaction,
  articleFeedback,
  blogPostViewed,
  forumThreadViewed,
  interactionSchema,
  knowledgeArticleViewed,
  portalSearch,
} from '../../schemas/index.ts'

// The hot path of ingest validates every item of every request. zod stays the
// source of truth: this module derives JSON Schema from the same zod schemas
// (`z.toJSONSchema`) and compiles it to code with ajv, and it only ever says
// "valid" (returning the value zod would return) or "ask zod". Refusals,
// with their codes, paths and messages, always come from zod, so the
// fast path cannot change an answer; `interaction-fast-check.test.ts` holds
// both to the same verdict and the same output on a corpus.

type JsonSchema = Record<string, unknown>

const MEMBERS = [
  knowledgeArticleViewed,
  blogPostViewed,
  forumThreadViewed,
  portalSearch,
  articleFeedback,
] as const

/**
 * One member of the interaction union as JSON Schema, in input mode (what a
 * portal sends). The one refinement, well-formed Unicode text, becomes
 * `not: { pattern: "\\p{Cs}" }`, as in the widget's journey schema; any other
 * refinement would throw here (`unrepresentable: 'throw'` covers types, and the
 * override refuses checks it does not know), so a new rule in the zod schema
 * cannot be silently skipped by the fast path.
 */
export function interactionMemberJsonSchema(member: (typeof MEMBERS)[number]): JsonSchema {
  const out = z.toJSONSchema(member, {
    io: 'input',
    unrepresentable: 'throw',
    override: (ctx) => {
      const checks = (
        ctx.zodSchema._zod.def as { checks?: Array<{ _zod: { def: Record<string, unknown> } }> }
      ).checks
      for (const check of checks ?? []) {
        const def = check._zod.def
        if (def.check !== 'custom') continue
        if ((def.params as { code?: string } | undefined)?.code !== INVALID_UNICODE)
          throw new Error(`the fast interaction check does not know the refinement ${JSON.stringify(def)}`)
        ctx.jsonSchema.not = { pattern: '\\p{Cs}' }
      }
    },
  }) as JsonSchema
  delete out.$schema
  return out
}

interface Compiled {
  validate: ValidateFunction
  /** The keys of zod's output object, in zod's order (the shape's). */
  keys: readonly string[]
}

let compiled: Map<unknown, Compiled> | undefined

function compile(): Map<unknown, Compiled> {
  // Lengths in code points (ajv's default), as zod's `.min`/`.max` count them: the corpus test
  // holds both to it. Formats are left to the patterns zod writes beside them (zod checks only those).
  // No meta-schema: checking zod's output against draft-07 took over half of the ~0.3-0.7 s this
  // compile costs (on the first ingest request); strict mode still refuses an unknown keyword.
  const ajv = new Ajv({ validateFormats: false, strict: true, meta: false, validateSchema: false })
  const byType = new Map<unknown, Compiled>()
  for (const member of MEMBERS) {
    const type = member.shape.type.value
    byType.set(type, {
      validate: ajv.compile(interactionMemberJsonSchema(member)),
      keys: Object.keys(member.shape),
    })
  }
  return byType
}

/**
 * The interaction `raw` is, exactly as `interactionSchema.parse(raw)` returns
 * it (a new object, keys in zod's order), when it is certainly valid; else
 * `undefined`, meaning "ask zod" (which refuses it with codes and paths, or
 * accepts something this check did not expect).
 *
 * @example
 * const item = fastInteraction(raw) ?? interactionSchema.safeParse(raw)
 */
export function fastInteraction(raw: unknown): Interaction | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined
  compiled ??= compile()
  const member = compiled.get((raw as { type?: unknown }).type)
  if (!member?.validate(raw)) return undefined
  const source = raw as Record<string, unknown>
  const out: Record<string, unknown> = {}
  // As zod builds it: every key of the shape the input has, in the shape's order.
  for (const key of member.keys) if (key in source) out[key] = source[key]
  return out as Interaction
}

/**
 * `interactionSchema.safeParse(raw)`, with valid items decided by the compiled
 * check first. Same results, same errors.
 */
export function parseInteraction(raw: unknown): z.ZodSafeParseResult<Interaction> {
  const fast = fastInteraction(raw)
  return fast !== undefined ? { success: true, data: fast } : interactionSchema.safeParse(raw)
}
