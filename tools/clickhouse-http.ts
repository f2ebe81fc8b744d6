import { type IncomingMessage, type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync, gzipSync } from 'node:zlib'
import { Session } from 'chdb'

/**
 * A ClickHouse HTTP endpoint on loopback with the real engine behind it: the
 * embedded engine (chdb) on a temp directory, spoken to over the parts of the
 * HTTP interface that @clickhouse/client uses (query in the URL or the body,
 * `param_*` query parameters, settings as URL parameters, `database`,
 * `default_format`, insert data in the body, gzip both ways, errors as
 * `Code: N. DB::Exception: … (TYPE)` with `X-ClickHouse-Exception-Code`).
 *
 * No ClickHouse server installs on these machines (Debian ships 18.16, and
 * there is no container engine), so this is how the `CLICKHOUSE_URL` branch
 * of `openClickHouse` runs against a real engine in tests. What it does not
 * do: authentication, sessions, progress headers, per-request settings
 * isolation (settings are applied with SET on the one engine session and stay
 * set, as a client that always sends the same ones never notices).
 *
 * Every request is recorded (method, URL parameters, the statement) so tests
 * can check request shapes at the HTTP boundary.
 */
export interface ClickHouseHttp {
  url: string
  requests: RecordedRequest[]
  /** The engine's own formatting of a statement (`formatQuery`); throws what the parser says of one it cannot read. */
  format(statement: string): Promise<string>
  close(): Promise<void>
}

/** One request as it reached the endpoint. */
export interface RecordedRequest {
  /** The statement, without insert data. */
  statement: string
  /** Settings sent as URL parameters. */
  settings: Record<string, string>
  /** `param_*` query parameters, by name. */
  params: Record<string, string>
  database: string | null
}

/** URL parameters of the HTTP interface that are not settings. */
const PROTOCOL = new Set([
  'query',
  'database',
  'default_format',
  'query_id',
  'session_id',
  'session_timeout',
  'session_check',
  'user',
  'password',
  'quota_key',
  'compress',
  'decompress',
  'buffer_size',
  'role',
])

/** Settings that only mean something to the HTTP server itself. */
const HTTP_ONLY = new Set([
  'wait_end_of_query',
  'send_progress_in_http_headers',
  'http_headers_progress_interval_ms',
  'enable_http_compression',
  'http_zlib_compression_level',
])

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

/** A `param_*` value arrives in the escaped text format; this reads it back to its text. */
const unescapeParam = (value: string): string =>
  value.replace(/\\([\\'tnr0bf])/g, (_, c: string) =>
    c === 't'
      ? '\t'
      : c === 'n'
        ? '\n'
        : c === 'r'
          ? '\r'
          : c === '0'
            ? '\0'
            : c === 'b'
              ? '\b'
              : c === 'f'
                ? '\f'
                : c,
  )

const sqlString = (text: string): string => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`

/**
 * Binds `{name:Type}` placeholders as `CAST('<text>' AS Type)`: the server
 * parses a parameter's text with its type's text format, as CAST from a
 * string does.
 */
function bind(statement: string, params: Record<string, string>): string {
  return statement.replace(/\{([A-Za-z_][A-Za-z0-9_]*):([^{}]+)\}/g, (_, name: string, type: string) => {
    const value = params[name]
    if (value === undefined)
      throw Object.assign(
        new Error(`Code: 456. DB::Exception: Substitution \`${name}\` is not set. (UNKNOWN_QUERY_PARAMETER)`),
        { clickhouseCode: 456 },
      )
    return `CAST(${sqlString(value)} AS ${type.trim()})`
  })
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const body = Buffer.concat(chunks)
  return req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body
}

/**
 * Starts the endpoint on a free loopback port, with the engine's data under `path`.
 *
 * @example
 * const http = await startClickHouseHttp(tempDir)
 * const ch = await openClickHouse({ kind: 'server', url: http.url, database: 'casetrail' })
 */
export async function startClickHouseHttp(
  path: string,
  options: {
    /** Keep each request in `requests` (default); a long-running endpoint (bench/engine-endpoint.ts) keeps none. */
    record?: boolean
  } = {},
): Promise<ClickHouseHttp> {
  const record = options.record ?? true
  const session = new Session(path)
  const requests: RecordedRequest[] = []
  // One engine session answers one statement at a time, like a server's one session would.
  let queue: Promise<unknown> = Promise.resolve()
  const server: Server = createServer((req, res) => {
    const answer = async () => {
      const url = new URL(req.url ?? '/', 'http://localhost')
      const body = (await readBody(req)).toString('utf8')
      const inUrl = url.searchParams.get('query')
      const statement = (inUrl ?? body).trim()
      const data = inUrl !== null && body.length > 0 ? body : ''
      const settings: Record<string, string> = {}
      const params: Record<string, string> = {}
      for (const [key, value] of url.searchParams) {
        if (key.startsWith('param_')) params[key.slice('param_'.length)] = unescapeParam(value)
        else if (!PROTOCOL.has(key)) settings[key] = value
      }
      const database = url.searchParams.get('database')
      if (record) requests.push({ statement, settings, params, database })
      const prefix: string[] = []
      if (database !== null) {
        if (!IDENTIFIER.test(database))
          throw new Error(`Code: 81. DB::Exception: bad database name. (UNKNOWN_DATABASE)`)
        prefix.push(`USE ${database}`)
      }
      for (const [key, value] of Object.entries(settings)) {
        if (HTTP_ONLY.has(key)) continue
        if (!IDENTIFIER.test(key))
          throw new Error(`Code: 115. DB::Exception: Unknown setting ${key}. (UNKNOWN_SETTING)`)
        prefix.push(`SET ${key} = ${sqlString(value)}`)
      }
      const sql = [...prefix, bind(statement, params) + (data ? `\n${data}` : '')].join(';\n')
      const result = await session.queryAsync(sql, {
        format: url.searchParams.get('default_format') ?? 'TabSeparated',
      })
      return Buffer.from(result.bytes())
    }
    const run = queue.then(answer, answer)
    queue = run.catch(() => undefined)
    run.then(
      (out) => {
        const gzip =
          new URL(req.url ?? '/', 'http://localhost').searchParams.get('enable_http_compression') === '1' &&
          /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
        res.writeHead(200, {
          'content-type': 'text/plain; charset=UTF-8',
          'x-clickhouse-summary': '{}',
          ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        })
        res.end(gzip ? gzipSync(out) : out)
      },
      (err: Error & { clickhouseCode?: number }) => {
        const code = err.clickhouseCode ?? Number(/^Code: (\d+)/.exec(err.message)?.[1] ?? 1000)
        res.writeHead(code === 60 ? 404 : 500, {
          'content-type': 'text/plain; charset=UTF-8',
          'x-clickhouse-exception-code': String(code),
        })
        res.end(`${err.message}\n`)
      },
    )
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    format: async (statement) => {
      const formatted = queue.then(() =>
        session.queryAsync(`SELECT formatQuery(${sqlString(statement)}) AS f`, { format: 'JSONEachRow' }),
      )
      queue = formatted.catch(() => undefined)
      return (JSON.parse((await formatted).text()) as { f: string }).f
    },
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()))
      await queue.catch(() => undefined)
      session.close()
    },
  }
}
