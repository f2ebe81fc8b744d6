import {
  type ItemError,
  MAX_PROFILES_PER_IMPORT,
  type Profile,
  profileImportSchema,
  toItemErrors,
} from '../../schemas/index.ts'
import { checkBatchSize, parseJsonText } from '../errors.ts'

export { MAX_PROFILES_PER_IMPORT, profileImportSchema }

/** What an import made of its items. */
export interface ProfileImport {
  profiles: Profile[]
  rejected: Array<{ index: number; errors: ItemError[] }>
}

/**
 * Reads a bulk import of contacts: a JSON array, or NDJSON (one object a
 * line). Each item is validated on its own; the valid ones are kept.
 *
 * @example
 * parseProfileImport('{"crmrecordid":"…","name":"Avery"}\n', 'application/x-ndjson')
 */
export function parseProfileImport(text: string, format: 'json' | 'ndjson'): ProfileImport {
  let items: unknown[]
  if (format === 'json') {
    const value = parseJsonText(text)
    items = Array.isArray(value) ? value : [value]
  } else {
    items = []
    const lines = text.split('\n')
    for (const [n, line] of lines.entries()) {
      if (line.trim() === '') continue
      items.push(parseJsonText(line, `line ${n + 1}`))
    }
  }
  checkBatchSize(items, { max: MAX_PROFILES_PER_IMPORT, noun: 'profiles', in: 'import' })
  const out: ProfileImport = { profiles: [], rejected: [] }
  items.forEach((item, index) => {
    const parsed = profileImportSchema.safeParse(item)
    if (parsed.success)
      out.profiles.push({ ...parsed.data, crmrecordid: parsed.data.crmrecordid.toLowerCase() })
    else out.rejected.push({ index, errors: toItemErrors(parsed.error, item, 'profile') })
  })
  return out
}
