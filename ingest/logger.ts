import { type Logger, pino } from 'pino'

/**
 * The service's JSON logger. Secrets are redacted by path as a second line of
 * defence; the first is that no code logs headers, query strings or bodies.
 */
export function createLogger(options: { level: string; destination?: NodeJS.WritableStream }): Logger {
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
    options.destination as pino.DestinationStream | undefined,
  )
}

export type { Logger }
