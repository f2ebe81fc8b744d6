/** What core needs from a logger. */
export interface CoreLog {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
  /** A logger that adds `bindings` to each line (pino's); the log and the flusher name themselves. */
  child?(bindings: object): CoreLog
}
