import { describe, expect, it } from 'vitest'
import { createLogger, prettyLine } from './logger.ts'

function capture(format: 'pretty' | 'json') {
  const lines: string[] = []
  const log = createLogger({ level: 'info', format, destination: { write: (line) => lines.push(line) } })
  return { log, lines }
}

describe('createLogger', () => {
  it('writes readable lines, not JSON, in the pretty format', () => {
    const { log, lines } = capture('pretty')
    log.info({ port: 8787, publicUrl: 'http://localhost:8787' }, 'casetrail is listening')
    log.warn({ note: 'two words' }, 'careful')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d info {2}casetrail is listening {2}port=8787 publicUrl=http:\/\/localhost:8787\n$/,
    )
    expect(lines[1]).toMatch(/ warn {2}careful {2}note="two words"\n$/)
    for (const line of lines) expect(line.trimStart().startsWith('{')).toBe(false)
  })

  it('writes one JSON object a line in the json format', () => {
    const { log, lines } = capture('json')
    log.info({ port: 8787 }, 'casetrail is listening')
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, msg: 'casetrail is listening', port: 8787 })
  })

  it('redacts secrets in both formats', () => {
    for (const format of ['pretty', 'json'] as const) {
      const { log, lines } = capture(format)
      log.info({ token: 'ct_secret_value', primaryKey: 'k3y' }, 'minted')
      expect(lines.join('')).not.toMatch(/ct_secret_value|k3y/)
    }
  })

  it("indents an error's stack under its line", () => {
    const { log, lines } = capture('pretty')
    log.error({ err: new Error('store down') }, 'flush failed')
    expect(lines[0]).toMatch(/ error flush failed\n {4}Error: store down\n {4}\s*at /)
  })
})

describe('prettyLine', () => {
  it('passes a line that is not JSON as it is', () => {
    expect(prettyLine('plain text\n')).toBe('plain text\n')
  })
})
