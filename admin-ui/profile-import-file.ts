/**
 * Reads a profile import file in the browser and cuts it into batches, so the
 * console can send them one by one and show real progress. A JSON array (or
 * one object), or NDJSON (one object a line); a line that is not JSON is
 * reported as rejected with `invalid_json` without being sent.
 */

/** One item of the file and where it stood (0-based, in file order). */
export interface ImportItem {
  index: number
  value: unknown
}

/** A rejected item, as the API reports them, with the file's index. */
export interface ImportRejection {
  index: number
  errors: Array<{ path: string; code: string; message: string }>
}

/** What the file held. */
export interface ImportFile {
  items: ImportItem[]
  rejected: ImportRejection[]
}

/** Splits a file's text into items, by its name and its first character. */
export function readImportFile(name: string, text: string): ImportFile {
  const trimmed = text.trim()
  const ndjson =
    /\.(ndjson|jsonl)$/i.test(name) ||
    !(trimmed.startsWith('[') || (/^\{[\s\S]*\}$/.test(trimmed) && !trimmed.includes('\n{')))
  if (!ndjson) {
    try {
      const value: unknown = JSON.parse(trimmed)
      const list = Array.isArray(value) ? value : [value]
      return { items: list.map((v, index) => ({ index, value: v })), rejected: [] }
    } catch (err) {
      return {
        items: [],
        rejected: [
          {
            index: 0,
            errors: [
              { path: '', code: 'invalid_json', message: err instanceof Error ? err.message : 'not JSON' },
            ],
          },
        ],
      }
    }
  }
  const out: ImportFile = { items: [], rejected: [] }
  let index = 0
  for (const [n, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue
    try {
      out.items.push({ index, value: JSON.parse(line) })
    } catch {
      out.rejected.push({
        index,
        errors: [{ path: '', code: 'invalid_json', message: `line ${n + 1} is not JSON` }],
      })
    }
    index++
  }
  return out
}

/** Cuts items into batches of `size`. */
export const batches = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
