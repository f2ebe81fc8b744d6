import { describe, expect, it } from 'vitest'
import { createJourneyFormat } from './journey-format.ts'
import { MESSAGES } from './catalogues.ts'
import { FOCUS_MS, focusScale, scaleTicks, TICK_GAP_PX } from './time-scale.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const caseMs = Date.parse('2026-11-22T09:53:00Z')
const window = (windowMs: number, afterMs = 0) => ({
  fromMs: caseMs - windowMs,
  caseMs,
  toMs: caseMs + afterMs,
})

describe('focusScale', () => {
  it('gives the hour before the case the same share of the width in every window', () => {
    for (const windowMs of [DAY, 7 * DAY, 30 * DAY]) {
      const scale = focusScale(window(windowMs), false)
      expect(scale.toAxis(caseMs - windowMs)).toBe(0)
      expect(scale.toAxis(caseMs)).toBe(1)
      expect(1 - scale.toAxis(caseMs - FOCUS_MS)).toBeCloseTo(0.45)
      // Half an hour before the case is half-way through the band: linear inside it.
      expect(1 - scale.toAxis(caseMs - FOCUS_MS / 2)).toBeCloseTo(0.225)
    }
    expect(1 - focusScale(window(30 * DAY), true).toAxis(caseMs - FOCUS_MS)).toBeCloseTo(0.66)
  })

  it('maps times to axis units and back', () => {
    const scale = focusScale(window(7 * DAY, DAY), false)
    for (const ms of [caseMs - 7 * DAY, caseMs - 3 * DAY, caseMs - 1234567, caseMs, caseMs + 5 * HOUR]) {
      expect(scale.toTime(scale.toAxis(ms))).toBe(ms)
    }
    expect(scale.segments.map((s) => s.kind)).toEqual(['earlier', 'focus', 'after'])
    expect(scale.toAxis(caseMs + DAY)).toBe(1)
    expect(1 - scale.toAxis(caseMs)).toBeCloseTo(0.16)
  })

  it('keeps a quiet last hour its linear share', () => {
    const scale = focusScale(window(7 * DAY), false, false)
    expect(1 - scale.toAxis(caseMs - FOCUS_MS)).toBeCloseTo(1 / (7 * 24))
  })

  it('is linear when the window is too short for a band', () => {
    const scale = focusScale(window(90 * 60_000), false)
    expect(scale.toAxis(caseMs - 45 * 60_000)).toBeCloseTo(0.5)
    expect(focusScale(window(30 * 60_000), false).segments).toHaveLength(1)
  })
})

describe('scaleTicks', () => {
  const format = createJourneyFormat('en', MESSAGES.en, 'Europe/Paris')

  it('puts ticks on local midnights over days and on round minutes in the last hour, labels apart', () => {
    const scale = focusScale(window(7 * DAY), false)
    const ticks = scaleTicks(scale, [0, 1], 1000, format)
    const earlier = ticks.filter((ms) => ms < caseMs - FOCUS_MS)
    const focus = ticks.filter((ms) => ms >= caseMs - FOCUS_MS)
    expect(earlier.length).toBeGreaterThanOrEqual(3)
    for (const ms of earlier) expect(format.sinceMidnight(ms)).toBe(0)
    expect(focus.length).toBeGreaterThanOrEqual(4)
    for (const ms of focus) expect(ms % (5 * 60_000)).toBe(0)
    const xs = ticks.map((ms) => scale.toAxis(ms) * 1000)
    for (let i = 1; i < xs.length; i++) {
      // Inside a band, labels keep their distance (across a band's edge, hideOverlap decides).
      const sameBand = ticks[i - 1]! < caseMs - FOCUS_MS === ticks[i]! < caseMs - FOCUS_MS
      if (sameBand) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(TICK_GAP_PX - 0.001)
    }
  })

  it('ticks every few hours over 24 hours, and finer when zoomed', () => {
    const scale = focusScale(window(DAY), false)
    const ticks = scaleTicks(scale, [0, 0.55], 550, format)
    expect(ticks.every((ms) => ms % HOUR === 0)).toBe(true)
    const zoomed = scaleTicks(scale, [0.9, 1], 1000, format)
    expect(zoomed.length).toBeGreaterThan(5)
    expect(zoomed.every((ms) => ms % 60_000 === 0)).toBe(true)
  })
})
