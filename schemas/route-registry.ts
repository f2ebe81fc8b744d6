import type * as z from 'zod'
import type { KeyRight } from './admin.ts'
import type { ErrorCode } from './error-codes.ts'

/** HTTP methods the API answers on (HEAD follows GET). */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

/**
 * Who may call a route: a shared access signature holding a right over the
 * resource in the path, an admin bearer token (`bearer: 'admin'`), the admin or
 * metrics scrape token (`bearer: 'metrics'`), or anyone (`null`).
 */
export type RouteSecurity = { sas: KeyRight } | { bearer: 'admin' | 'metrics' } | null

/** A request body: the schema it is validated with and the media types it may come as. */
export interface RouteBody {
  schema: z.ZodType
  /** `application/json` when absent. */
  mediaTypes?: readonly string[]
  /**
   * The handler reads the body itself (ingest validates item by item, imports
   * stream NDJSON); the schema still documents it and types the client.
   */
  readByHandler?: boolean
  /** Whether a request may come without a body (default: required). */
  optional?: boolean
}

/** One answer a route gives on success. */
export interface RouteResponse {
  description: string
  /** The body; absent for an empty answer (204, 202 with no body). */
  schema?: z.ZodType
  /** `application/json` when there is a schema and this is absent. */
  mediaType?: string
  /** Response headers worth documenting, by name, with what they hold. */
  headers?: Readonly<Record<string, string>>
}

/** Error statuses a route answers with, and the literal codes of each. */
export interface RouteError {
  status: 400 | 401 | 403 | 404 | 408 | 409 | 412 | 413 | 415 | 428 | 429 | 503
  /** Codes of `schemas/error-codes.ts`, each answering with this status. */
  codes: readonly ErrorCode[]
  /** Another body this status may carry besides the error envelope (ingest's 400 lists the rejected items). */
  orBody?: z.ZodType
}

/**
 * One request that works against a fresh casetrail with the demo data. Values
 * in {@link EXAMPLE_IDS} stand for real ids; the contract test replaces them
 * with the ids of the resources it makes and sends the example to the app.
 */
export interface RouteExample {
  params?: Readonly<Record<string, string>>
  query?: Readonly<Record<string, string>>
  headers?: Readonly<Record<string, string>>
  body?: unknown
  /** The status this example answers with. */
  status: number
}

/** A route of the public API: the single source of its validation, its docs and its client. */
export interface RouteDef {
  method: HttpMethod
  /** OpenAPI form: `/v1/hubs/{hubId}/interactions`. */
  path: string
  /** Unique, camelCase; the typed client's method name. */
  operationId: string
  summary: string
  description?: string
  tags: readonly string[]
  security: RouteSecurity
  request?: {
    params?: z.ZodObject
    query?: z.ZodObject
    headers?: z.ZodObject
    body?: RouteBody
  }
  /** Success answers by status. */
  responses: Readonly<Record<number, RouteResponse>>
  /** Error answers (all in the `{ error: { code, message, field? } }` envelope). */
  errors?: readonly RouteError[]
  example?: RouteExample
  /** Not part of the public API contract (HTML pages, static files): listed, but left out of the client. */
  page?: boolean
}

/**
 * Declares a route. Keeps the literal types, so the typed client and the
 * validation middleware know each route's input and output.
 *
 * @example
 * export const createHub = defineRoute({
 *   method: 'post', path: '/v1/admin/hubs', operationId: 'createHub', summary: 'Create a hub',
 *   tags: ['Hubs'], security: { bearer: 'admin' },
 *   request: { body: { schema: createHubSchema } },
 *   responses: { 201: { description: 'The hub, with its default key', schema: hubSchema } },
 *   errors: [{ status: 400, codes: ['required', 'unknown_field'] }],
 *   example: { body: { name: 'Contoso support' }, status: 201 },
 * })
 */
export function defineRoute<const R extends RouteDef>(route: R): R {
  return route
}

/**
 * Stand-in ids the documented examples use. The contract test swaps each for
 * the id of a resource it made, so every example runs against the real app.
 */
export const EXAMPLE_IDS = {
  hubId: '0b9e4a6c-1f43-4d1e-9b7a-2c5d8e9f0a11',
  portalId: '5f2d7c1a-8e34-4b6f-a9d2-3c4e5f6a7b22',
  contactId: '7c3b1e2d-4f5a-4b6c-8d7e-9f0a1b2c3d33',
  instanceId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c44',
  userId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d55',
  licenceId: 'c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e66',
  interactionId: 'd4e5f6a7-b8c9-4d0e-9f2a-3b4c5d6e7f77',
  keyName: 'example-key',
  recordId: 'e5f6a7b8-c9d0-4e1f-8a3b-4c5d6e7f8a88',
} as const

type Out<S> = S extends z.ZodType ? z.output<S> : undefined
type In<S> = S extends z.ZodType ? z.input<S> : undefined
type Req<R extends RouteDef> = NonNullable<R['request']>

/** What the validation middleware hands a route's handler: parsed params, query, headers and body. */
export interface RouteInput<R extends RouteDef> {
  params: Req<R> extends { params: infer P } ? Out<P> : Record<string, string>
  query: Req<R> extends { query: infer Q } ? Out<Q> : Record<string, never>
  headers: Req<R> extends { headers: infer H } ? Out<H> : Record<string, never>
  body: Req<R> extends { body: { readByHandler: true } }
    ? undefined
    : Req<R> extends { body: { schema: infer B } }
      ? Out<B>
      : undefined
}

/** Parts a route does not take are left out; parts whose every field is optional may be left out. */
type Optionalise<T> = {
  [K in keyof T as T[K] extends undefined ? never : Record<string, never> extends T[K] ? never : K]: T[K]
} & {
  [K in keyof T as T[K] extends undefined ? never : Record<string, never> extends T[K] ? K : never]?: T[K]
}

/** What a client sends to call a route (what it sends before defaults apply). */
export type RouteRequest<R extends RouteDef> = Optionalise<{
  params: Req<R> extends { params: infer P } ? In<P> : undefined
  query: Req<R> extends { query: infer Q } ? In<Q> : undefined
  headers: Req<R> extends { headers: infer H } ? In<H> : undefined
  body: Req<R> extends { body: { schema: infer B } } ? In<B> : undefined
}>

type SuccessStatus<R extends RouteDef> = Extract<keyof R['responses'], number>

/** What a route answers on success (the union over its success statuses; `undefined` for an empty one). */
export type RouteOutput<R extends RouteDef> = {
  [S in SuccessStatus<R>]: R['responses'][S] extends { schema: infer B } ? Out<B> : undefined
}[SuccessStatus<R>]

/** Turns an OpenAPI path (`/v1/hubs/{hubId}`) into Hono's form (`/v1/hubs/:hubId`). */
export const toHonoPath = (path: string): string =>
  path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'path' ? '*' : `:${name}`))
