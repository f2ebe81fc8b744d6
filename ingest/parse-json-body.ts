import type { Context } from 'hono'
import type { z } from 'zod'
import { readJsonBody } from './middleware/validate-route.ts'

/**
 * Reads a JSON body and validates it with `schema`: the same checks and error
 * envelope as `validateRoute`. Prefer describing the route in `schemas/` and
 * mounting it with `validateRoute(API.x)` (docs/api-contract.md); this stays so
 * that handlers written before the registry keep one validation path.
 *
 * @example
 * const { name } = await parseJsonBody(c, createHubSchema)
 */
export const parseJsonBody = <S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> =>
  readJsonBody(c, schema)
