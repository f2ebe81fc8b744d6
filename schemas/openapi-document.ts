import * as z from 'zod'
import { errorBodySchema } from './errors.ts'
import type { RouteDef, RouteError } from './route-registry.ts'

/** A JSON Schema or OpenAPI object, as plain JSON. */
type Json = { [key: string]: unknown }

const ERROR_TEXT: Readonly<Record<RouteError['status'], string>> = {
  400: 'The request is invalid',
  401: 'No valid credentials',
  403: 'The credentials lack the right or the role this needs',
  404: 'Not found',
  408: 'The request did not arrive in time',
  409: 'Conflicts with the current state',
  412: 'Someone else changed it first (If-Match does not match the current ETag)',
  413: 'Too large',
  415: 'Unsupported media type or encoding',
  428: 'If-Match is required',
  429: 'Too many requests; retry after Retry-After seconds',
  503: 'Unavailable for now; retry after Retry-After seconds',
}

/** JSON Schema (draft 2020-12, what OpenAPI 3.1 uses) of a zod schema, as a request or as an answer. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const out = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    // Zod's own ids would become $defs; keep each schema whole and self-contained.
    reused: 'inline',
  }) as Json
  delete out.$schema
  return out
}

function parametersOf(route: RouteDef): Json[] {
  const out: Json[] = []
  const add = (where: 'path' | 'query' | 'header', schema: z.ZodObject | undefined) => {
    if (!schema) return
    const json = jsonSchemaOf(schema, 'input')
    const props = (json.properties ?? {}) as Record<string, Json>
    const required = new Set((json.required ?? []) as string[])
    for (const [name, prop] of Object.entries(props)) {
      const { description, ...rest } = prop
      out.push({
        name,
        in: where,
        required: where === 'path' || required.has(name),
        ...(description ? { description } : {}),
        schema: rest,
      })
    }
  }
  add('path', route.request?.params)
  add('query', route.request?.query)
  add('header', route.request?.headers)
  return out
}

function securityOf(route: RouteDef): { security: Json[]; note: string } {
  const s = route.security
  if (s === null) return { security: [], note: '' }
  if ('sas' in s) {
    return {
      security: [{ SharedAccessSignature: [s.sas] }],
      note: `Needs a shared access signature holding \`${s.sas}\` over the resource in the path (or one above it).`,
    }
  }
  return s.bearer === 'admin'
    ? { security: [{ AdminBearer: [] }], note: 'Needs an admin bearer token.' }
    : {
        security: [{ MetricsBearer: [] }],
        note: 'Needs the metrics scrape token or a tenant administrator’s admin token.',
      }
}

function exampleBody(route: RouteDef): unknown {
  return route.example && 'body' in route.example ? route.example.body : undefined
}

function errorSchemaOf(e: RouteError): Json {
  const envelope = {
    allOf: [{ $ref: '#/components/schemas/ErrorBody' }],
    properties: {
      error: { type: 'object', properties: { code: { type: 'string', enum: [...e.codes] } } },
      ...(e.status === 412
        ? {
            current: {
              description:
                'The record as it is now, as its GET shows it (a hub’s keys without their secrets); its ETag is in the ETag header',
            },
          }
        : {}),
    },
  }
  return e.orBody ? { oneOf: [envelope, jsonSchemaOf(e.orBody, 'output')] } : envelope
}

function operationOf(route: RouteDef): Json {
  const { security, note } = securityOf(route)
  const responses: Record<string, Json> = {}
  for (const [status, r] of Object.entries(route.responses)) {
    const headers = r.headers
      ? Object.fromEntries(
          Object.entries(r.headers).map(([name, description]) => [
            name,
            { description, schema: { type: 'string' } },
          ]),
        )
      : undefined
    responses[status] = {
      description: r.description,
      ...(headers ? { headers } : {}),
      ...(r.schema
        ? { content: { [r.mediaType ?? 'application/json']: { schema: jsonSchemaOf(r.schema, 'output') } } }
        : {}),
    }
  }
  for (const e of route.errors ?? []) {
    responses[String(e.status)] = {
      description: `${ERROR_TEXT[e.status]}. Codes: ${e.codes.map((c) => `\`${c}\``).join(', ')}.`,
      ...(e.status === 401 ? { headers: { 'WWW-Authenticate': { schema: { type: 'string' } } } } : {}),
      ...(e.status === 412
        ? { headers: { ETag: { description: 'The current version', schema: { type: 'string' } } } }
        : {}),
      ...(e.status === 429 || e.status === 503
        ? { headers: { 'Retry-After': { schema: { type: 'integer' } } } }
        : {}),
      content: { 'application/json': { schema: errorSchemaOf(e) } },
    }
  }
  const body = route.request?.body
  const example = exampleBody(route)
  const description = [route.description, note].filter(Boolean).join('\n\n')
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(description ? { description } : {}),
    tags: [...route.tags],
    security,
    ...(route.page ? { 'x-casetrail-page': true } : {}),
    parameters: parametersOf(route),
    ...(body
      ? {
          requestBody: {
            required: !body.optional,
            content: Object.fromEntries(
              (body.mediaTypes ?? ['application/json']).map((type) => [
                type,
                {
                  schema: jsonSchemaOf(body.schema, 'input'),
                  ...(example !== undefined && type === (body.mediaTypes ?? ['application/json'])[0]
                    ? { example }
                    : {}),
                },
              ]),
            ),
          },
        }
      : {}),
    responses,
    ...(route.example ? { 'x-casetrail-example': route.example } : {}),
  }
}

/** Options of {@link buildOpenApiDocument}. */
export interface OpenApiOptions {
  /** Where the API answers (`PUBLIC_URL`). */
  serverUrl: string
  version: string
}

/**
 * The OpenAPI 3.1 document of `routes`, generated from their zod schemas: the
 * same schemas the routes validate with, so the two cannot drift apart.
 *
 * @example
 * const doc = buildOpenApiDocument(API_ROUTES, { serverUrl: 'http://localhost:8787', version: '0.1.0' })
 */
export function buildOpenApiDocument(routes: readonly RouteDef[], options: OpenApiOptions): Json {
  const paths: Record<string, Record<string, Json>> = {}
  for (const route of routes) {
    const item = paths[route.path] ?? {}
    paths[route.path] = item
    if (item[route.method]) throw new Error(`two routes for ${route.method.toUpperCase()} ${route.path}`)
    item[route.method] = operationOf(route)
  }
  const ids = routes.map((r) => r.operationId)
  const dupe = ids.find((id, i) => ids.indexOf(id) !== i)
  if (dupe) throw new Error(`operationId ${dupe} is used twice`)
  const tags = [...new Set(routes.flatMap((r) => r.tags))].map((name) => ({ name }))
  return {
    openapi: '3.1.0',
    info: {
      title: 'casetrail API',
      version: options.version,
      description:
        'Interaction beacons in, customer journeys out, and the portal admin centre. ' +
        'Every error answers `{ "error": { "code", "message", "field"? } }` with a literal code.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: options.serverUrl }],
    tags,
    paths,
    components: {
      schemas: { ErrorBody: jsonSchemaOf(errorBodySchema, 'output') },
      securitySchemes: {
        SharedAccessSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description:
            'A shared access signature in the format of Azure Event Hubs: ' +
            '`SharedAccessSignature sr=<url-encoded resource URI>&sig=<url-encoded base64 HMAC-SHA256>&se=<expiry>&skn=<key name>`. ' +
            'Beacons may send it as `?sas=` instead. Mint one with `npm run -s token`.',
        },
        AdminBearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An admin token (`CASETRAIL_BOOTSTRAP_TOKEN`, or one issued by `POST /v1/admin/users`).',
        },
        MetricsBearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The metrics scrape token (`CASETRAIL_METRICS_TOKEN`) or a tenant administrator’s admin token.',
        },
      },
    },
  }
}
