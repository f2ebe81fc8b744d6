import { type Logger, pino } from 'pino'

/** How log lines are written: `pretty` (readable lines, the default) or `json` (one object a line, for collectors). */
export type LogFormat = 'pretty' | 'json'

/** Where log lines go: anything with pino's `write(line)`. */
export interface LogDestination {
  write(line: string): unknown
}

/** pino's numeric levels, as the words a person reads. */
const LEVEL_NAMES: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
}

/** The fields every line carries that a person at a terminal does not need. */
const QUIET_FIELDS = new Set(['level', 'time', 'msg', 'service', 'pid', 'hostname', 'err'])

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value)
  return JSON.stringify(value)
}

/**
 * One of pino's JSON lines as a line a person reads at a terminal:
 * `22:41:03 warn  the message  key=value key2="two words"`, with an error's
 * stack indented below it. Anything that is not a JSON object passes as it is.
 *
 * @example
 * prettyLine('{"level":30,"time":0,"msg":"casetrail is listening","port":8787}')
 * // '00:00:00 info  casetrail is listening  port=8787\n'
 */
export function prettyLine(line: string): string {
  let record: Record<string, unknown>
  try {
    record = JSON.parse(line) as Record<string, unknown>
  } catch {
    return line
  }
  if (record === null || typeof record !== 'object') return line
  const time = new Date(typeof record.time === 'number' ? record.time : Date.now())
    .toISOString()
    .slice(11, 19)
  const level = LEVEL_NAMES[record.level as number] ?? String(record.level)
  const fields = Object.entries(record)
    .filter(([key]) => !QUIET_FIELDS.has(key))
    .map(([key, value]) => `${key}=${formatValue(value)}`)
  const message = typeof record.msg === 'string' ? record.msg : ''
  const head = `${time} ${level.padEnd(5)} ${message}${fields.length > 0 ? `  ${fields.join(' ')}` : ''}`
  const err = record.err as { stack?: string; message?: string } | undefined
  const stack = err?.stack ?? err?.message
  return `${head}\n${stack ? `${stack.replace(/^/gm, '    ')}\n` : ''}`
}

/** A destination that writes each of pino's JSON lines to `out` as {@link prettyLine} formats it. */
export function prettyDestination(out: LogDestination): LogDestination {
  return {
    write(line: string) {
      return out.write(prettyLine(line))
    },
  }
}

/**
 * The service's logger: pino, writing JSON lines (`format: 'json'`) or
 * readable ones (`pretty`, the default at a terminal). Secrets are redacted by
 * path as a second line of defence; the first is that no code logs headers,
 * query strings or bodies.
 */
export function createLogger(options: {
  level: string
  format?: LogFormat
  destination?: LogDestination
}): Logger {
  const destination =
    options.format === 'pretty'
      ? prettyDestination(options.destination ?? process.stdout)
      : options.destination
  return pino(
    {
      level: options.level,
      base: { service: 'casetrail' },
      redact: {
        paths: [
          'authorization',
          'token',
          'sas',
          'key',
          'primaryKey',
          'secondaryKey',
          '*.authorization',
          '*.token',
          '*.primaryKey',
          '*.secondaryKey',
          'req.headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination as pino.DestinationStream | undefined,
  )
}

export type { Logger }
