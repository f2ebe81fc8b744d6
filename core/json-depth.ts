/**
 * Deepest nesting of arrays and objects a JSON body may have. An interaction
 * batch is two levels deep and admin bodies a handful; a limit this small is
 * checked before `JSON.parse`, so no later step (validation, the quarantine's
 * stringify) can recurse on a body built to be deep.
 */
export const MAX_JSON_DEPTH = 32

const OPEN_ARRAY = 0x5b
const OPEN_OBJECT = 0x7b
const CLOSE_ARRAY = 0x5d
const CLOSE_OBJECT = 0x7d
const QUOTE = 0x22
const BACKSLASH = 0x5c
const COLON = 0x3a

/**
 * Whether JSON text nests arrays and objects deeper than `max`, found in one
 * pass with a counter (no recursion, no parse). Brackets inside strings are
 * text; the text need not be valid JSON (the parser says what else is wrong).
 * Takes UTF-8 bytes or a string: every byte it looks at is ASCII.
 *
 * @example
 * jsonNestingExceeds('[[1]]', 1) // true
 */
export function jsonNestingExceeds(text: Uint8Array | string, max = MAX_JSON_DEPTH): boolean {
  const at: (i: number) => number = typeof text === 'string' ? (i) => text.charCodeAt(i) : (i) => text[i]!
  const length = text.length
  let depth = 0
  let inString = false
  for (let i = 0; i < length; i++) {
    const c = at(i)
    if (inString) {
      if (c === BACKSLASH) i++
      else if (c === QUOTE) inString = false
    } else if (c === QUOTE) inString = true
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > max) return true
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--
  }
  return false
}

/**
 * What is wrong with the shape of JSON text, found in one pass with no
 * recursion and no parse: `depth` when arrays and objects nest deeper than
 * `maxDepth`, `members` when one object has more than `maxMembers` members
 * (an interaction has a dozen; parsing, validating and quarantining 120K
 * unknown ones costs seconds), else null.
 *
 * @example
 * jsonShapeProblem('{"a":1,"b":2}', { maxDepth: 32, maxMembers: 1 }) // 'members'
 */
export function jsonShapeProblem(
  text: Uint8Array | string,
  limits: { maxDepth: number; maxMembers: number },
): 'depth' | 'members' | null {
  return typeof text === 'string' ? shapeOfString(text, limits) : shapeOfBytes(text, limits)
}

// Two copies of one loop, one per input type: reading each byte through a shared
// accessor closure made this scan 3.5 % of a batch request's main thread.

function shapeOfBytes(
  text: Uint8Array,
  limits: { maxDepth: number; maxMembers: number },
): 'depth' | 'members' | null {
  const length = text.length
  // Members counted per open object; -1 marks an open array. Bounded by maxDepth.
  const members = new Int32Array(limits.maxDepth + 1)
  let depth = 0
  // Where the next backslash is (-1: none left; -2: not looked for yet).
  let nextBackslash = -2
  for (let i = 0; i < length; i++) {
    const c = text[i]!
    if (c === QUOTE) {
      // Most of a body's bytes are in strings: jump to the closing quote with indexOf (native)
      // instead of a byte at a time (a batch body's scan 80-108 -> 25-44 µs). A backslash before
      // that quote escapes the byte after it, which may be a quote: the search goes on past it.
      // Same verdicts as shapeOfString's byte loop (json-depth.test.ts holds them together).
      for (;;) {
        const quote = text.indexOf(QUOTE, i + 1)
        if (quote === -1) return null
        if (nextBackslash !== -1 && nextBackslash <= i) nextBackslash = text.indexOf(BACKSLASH, i + 1)
        if (nextBackslash === -1 || nextBackslash > quote) {
          i = quote
          break
        }
        // The escaped byte; the search for the closing quote and the next backslash starts after it.
        i = nextBackslash + 1
        if (i >= length) return null
        nextBackslash = text.indexOf(BACKSLASH, i + 1)
      }
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > limits.maxDepth) return 'depth'
      members[depth] = c === OPEN_OBJECT ? 0 : -1
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      if (depth > 0) depth--
    } else if (c === COLON && depth > 0 && members[depth]! >= 0) {
      if (++members[depth]! > limits.maxMembers) return 'members'
    }
  }
  return null
}

function shapeOfString(
  text: string,
  limits: { maxDepth: number; maxMembers: number },
): 'depth' | 'members' | null {
  const length = text.length
  const members = new Int32Array(limits.maxDepth + 1)
  let depth = 0
  let inString = false
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === BACKSLASH) i++
      else if (c === QUOTE) inString = false
    } else if (c === QUOTE) inString = true
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > limits.maxDepth) return 'depth'
      members[depth] = c === OPEN_OBJECT ? 0 : -1
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      if (depth > 0) depth--
    } else if (c === COLON && depth > 0 && members[depth]! >= 0) {
      if (++members[depth]! > limits.maxMembers) return 'members'
    }
  }
  return null
}
