/**
 * Spreads the markers of one lane so that none covers another: each keeps its
 * exact time (x) and moves up or down inside its lane (rows centred on the
 * lane's middle, nearest row first). When the lane has no room at the full
 * symbol size, the size shrinks step by step; only when even the smallest size
 * cannot fit them all do markers overlap (a journey of thousands of points
 * seen over a whole month), and then on the least crowded row.
 */

/** What {@link spreadLane} needs: pixel positions and room, at the current zoom. */
export interface LaneGeometry {
  /** Each marker's x in pixels, in any order. */
  xs: readonly number[]
  /** The lane's height in pixels (what its markers may use). */
  laneHeight: number
  /** The symbol's full size in pixels. */
  size: number
  /** Markers whose x is outside this range are not drawn and take no room. */
  visible: readonly [number, number]
  /** The smallest size worth shrinking to. */
  minSize?: number
}

/**
 * Where each marker goes: its offset from the lane's middle in pixels (down
 * is positive), and its size (smaller only inside a crowd that needs it).
 */
export interface LaneSpread {
  offsets: number[]
  sizes: number[]
}

/** Space kept between two neighbouring markers, in pixels. */
export const MARKER_GAP = 2

/** Row order: the middle first, then alternately above and below. */
function rowOffsets(rows: number): number[] {
  const out = [0]
  for (let k = 1; out.length < rows; k++) {
    out.push(-k)
    if (out.length < rows) out.push(k)
  }
  return out
}

function tryPlace(
  order: readonly number[],
  xs: readonly number[],
  size: number,
  rows: number,
): number[] | null {
  const step = size + MARKER_GAP
  const rowOf = rowOffsets(rows)
  const lastX = rowOf.map(() => Number.NEGATIVE_INFINITY)
  const placed = new Array<number>(xs.length).fill(0)
  for (const i of order) {
    const x = xs[i]!
    const row = lastX.findIndex((last) => x - last >= step)
    if (row < 0) return null
    lastX[row] = x
    placed[i] = rowOf[row]! * step
  }
  return placed
}

/**
 * Lays out one lane's markers. Markers farther apart than a symbol never
 * touch, so the lane is cut into crowds (runs of markers each less than a
 * symbol and a gap from the next) and each crowd gets the largest size at
 * which it fits: a busy minute shrinks its own markers, not the whole lane's.
 *
 * @example spreadLane({ xs: [100, 101, 102], laneHeight: 48, size: 13, visible: [0, 600] })
 * // { offsets: [0, -15, 15], sizes: [13, 13, 13] }
 */
export function spreadLane(geometry: LaneGeometry): LaneSpread {
  const { xs, laneHeight, visible } = geometry
  const minSize = Math.min(geometry.size, geometry.minSize ?? 6)
  const offsets = new Array<number>(xs.length).fill(0)
  const sizes = new Array<number>(xs.length).fill(geometry.size)
  const order = xs
    .map((x, i) => [x, i] as const)
    .filter(([x]) => x >= visible[0] - geometry.size && x <= visible[1] + geometry.size)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map(([, i]) => i)
  const reach = geometry.size + MARKER_GAP
  for (let start = 0; start < order.length; ) {
    let end = start + 1
    while (end < order.length && xs[order[end]!]! - xs[order[end - 1]!]! < reach) end++
    const crowd = order.slice(start, end)
    const { placed, size } = fitCrowd(crowd, xs, laneHeight, geometry.size, minSize)
    for (const i of crowd) {
      offsets[i] = placed[i]!
      sizes[i] = size
    }
    start = end
  }
  return { offsets, sizes }
}

function fitCrowd(
  order: readonly number[],
  xs: readonly number[],
  laneHeight: number,
  fullSize: number,
  minSize: number,
): { placed: number[]; size: number } {
  let size = fullSize
  for (;;) {
    // An odd number of rows centred on the lane, each symbol wholly inside it with a gap at the edges.
    const rows =
      2 * Math.max(0, Math.floor((laneHeight / 2 - MARKER_GAP - size / 2) / (size + MARKER_GAP))) + 1
    const placed = tryPlace(order, xs, size, rows)
    if (placed) return { placed, size }
    if (size <= minSize) return { placed: crowded(order, xs, size, rows), size }
    size = Math.max(minSize, Math.round(size * 0.8))
  }
}

// No room even at the smallest size: each marker takes the row it overlaps least.
function crowded(order: readonly number[], xs: readonly number[], size: number, rows: number): number[] {
  const step = size + MARKER_GAP
  const rowOf = rowOffsets(rows)
  const lastX = rowOf.map(() => Number.NEGATIVE_INFINITY)
  const placed = new Array<number>(xs.length).fill(0)
  for (const i of order) {
    let best = 0
    for (let r = 1; r < rows; r++) if (lastX[r]! < lastX[best]!) best = r
    lastX[best] = xs[i]!
    placed[i] = rowOf[best]! * step
  }
  return placed
}

/**
 * The lane height at which markers at these x positions all fit at full
 * `size` without shrinking: as many rows as the busiest crowd needs (an odd
 * number, centred on the lane's middle), the inverse of what {@link spreadLane}
 * fits into a lane.
 *
 * @example laneHeightFor([100, 101, 102], 13) // 49: three rows of 13 px and their gaps
 */
export function laneHeightFor(xs: readonly number[], size: number): number {
  const step = size + MARKER_GAP
  const lastX: number[] = []
  for (const x of [...xs].sort((a, b) => a - b)) {
    const row = lastX.findIndex((last) => x - last >= step)
    if (row < 0) lastX.push(x)
    else lastX[row] = x
  }
  const k = Math.ceil(Math.max(0, lastX.length - 1) / 2)
  return 2 * MARKER_GAP + size + 2 * k * step
}
