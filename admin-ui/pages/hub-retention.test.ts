import { describe, expect, it } from 'vitest'
import { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS } from '../../schemas/index.ts'
import { RETENTION_DAYS, parseRetentionDays } from './hub-retention.tsx'

describe('the Retention setting', () => {
  it('has the API’s default and maximum', () => {
    expect(RETENTION_DAYS).toEqual({ default: DEFAULT_RETENTION_DAYS, max: MAX_RETENTION_DAYS })
  })

  it('takes whole days from 1 to the maximum, and nothing else', () => {
    expect(parseRetentionDays('30')).toBe(30)
    expect(parseRetentionDays(' 3650 ')).toBe(3650)
    expect(parseRetentionDays('1')).toBe(1)
    for (const bad of ['0', '3651', '12.5', '-1', '', '1e3', 'thirty'])
      expect(parseRetentionDays(bad), bad).toBeNull()
  })
})
