import { describe, expect, it } from 'vitest'
import { laneHeightFor, MARKER_GAP, spreadLane } from './marker-layout.ts'

/** Whether two square boxes of `size` centred at (x, y) overlap. */
const overlap = (a: [number, number], b: [number, number], size: number) =>
  Math.abs(a[0] - b[0]) < size && Math.abs(a[1] - b[1]) < size

function boxes(xs: number[], spread: { offsets: number[] }) {
  return xs.map((x, i): [number, number] => [x, spread.offsets[i]!])
}

describe('spreadLane', () => {
  it('leaves markers far apart on the lane middle', () => {
    expect(spreadLane({ xs: [10, 100, 300], laneHeight: 50, size: 13, visible: [0, 400] })).toEqual({
      offsets: [0, 0, 0],
      sizes: [13, 13, 13],
    })
  })

  it('stacks markers at one time above and below the middle, none overlapping, all inside the lane', () => {
    const xs = [200, 200, 200]
    const spread = spreadLane({ xs, laneHeight: 50, size: 13, visible: [0, 400] })
    expect(spread.sizes).toEqual([13, 13, 13])
    expect(new Set(spread.offsets).size).toBe(3)
    const placed = boxes(xs, spread)
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) expect(overlap(placed[i]!, placed[j]!, 13)).toBe(false)
    for (const offset of spread.offsets)
      expect(Math.abs(offset) + 13 / 2).toBeLessThanOrEqual(25 - MARKER_GAP)
  })

  it('shrinks the symbols of a crowd with no room at full size, and only those', () => {
    const crowd = Array.from({ length: 40 }, (_, i) => 100 + i * 3)
    const xs = [10, ...crowd, 400]
    const spread = spreadLane({ xs, laneHeight: 48, size: 13, visible: [0, 500] })
    const size = spread.sizes[1]!
    expect(size).toBeLessThan(13)
    expect(spread.sizes.slice(1, -1)).toEqual(crowd.map(() => size))
    expect([spread.sizes[0], spread.sizes.at(-1)]).toEqual([13, 13])
    const placed = boxes(xs, spread)
    for (let i = 1; i < placed.length - 1; i++)
      for (let j = i + 1; j < placed.length - 1; j++)
        expect(overlap(placed[i]!, placed[j]!, size), `${i} and ${j}`).toBe(false)
  })

  it('overlaps only when even the smallest symbols cannot fit, and gives every marker a place', () => {
    const xs = Array.from({ length: 500 }, () => 50)
    const spread = spreadLane({ xs, laneHeight: 40, size: 13, visible: [0, 100] })
    expect(new Set(spread.sizes)).toEqual(new Set([6]))
    expect(spread.offsets).toHaveLength(500)
    for (const offset of spread.offsets) expect(Math.abs(offset)).toBeLessThan(20)
  })

  it('takes no room for markers outside the view', () => {
    const spread = spreadLane({ xs: [-500, -500, 50], laneHeight: 40, size: 13, visible: [0, 100] })
    expect(spread.offsets[2]).toBe(0)
  })
})

describe('laneHeightFor', () => {
  it('is the height at which spreadLane fits every marker at full size', () => {
    for (const xs of [
      [10, 100],
      [200, 200, 200],
      [200, 201, 203, 204, 206, 207, 230, 231, 232],
    ]) {
      const laneHeight = laneHeightFor(xs, 13)
      expect(spreadLane({ xs, laneHeight, size: 13, visible: [0, 400] }).sizes.every((s) => s === 13)).toBe(
        true,
      )
      // A pixel less and the busiest crowd has to shrink (or it was one row already).
      if (laneHeight > 13 + 2 * MARKER_GAP)
        expect(spreadLane({ xs, laneHeight: laneHeight - 1, size: 13, visible: [0, 400] }).sizes).toContain(
          10,
        )
    }
  })
})
