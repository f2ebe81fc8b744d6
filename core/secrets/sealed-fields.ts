import { DomainError } from '../errors.ts'
import { type SealedSecret, type SecretBox, sealedSecretSchema } from './secret-box.ts'

/**
 * Where one secret sits in a stored JSON document: `read` gives the value
 * there (a plaintext string, a {@link SealedSecret}, or nothing), `write`
 * replaces it, `context` names it (the record's kind, key and field; bound
 * into the seal so a value copied elsewhere does not open).
 */
export interface SecretField {
  context: string
  read(): unknown
  write(value: string | SealedSecret): void
}

/** Lists the secret fields of one stored document (already JSON-parsed, mutable). */
export type SecretFieldsOf = (key: string, doc: Record<string, unknown>) => SecretField[]

/** A field at `path` (property names) in `doc`, when its parent object exists. */
export function secretAt(
  doc: Record<string, unknown>,
  path: readonly string[],
  context: string,
): SecretField[] {
  let parent: Record<string, unknown> | null = doc
  for (const name of path.slice(0, -1)) {
    const next: unknown = parent?.[name]
    parent = next && typeof next === 'object' ? (next as Record<string, unknown>) : null
  }
  const leaf = path[path.length - 1]!
  if (!parent || !(leaf in parent)) return []
  const holder = parent
  return [{ context, read: () => holder[leaf], write: (v) => (holder[leaf] = v) }]
}

/** What {@link createSecretSealer} does to a stored document's secrets. */
export interface SecretSealer {
  /** A copy of `doc` with every plaintext secret sealed (on write). */
  seal(key: string, doc: unknown): unknown
  /** A copy of `doc` with every sealed secret opened (on read); plaintext ones (older records) pass as they are. */
  open(key: string, doc: unknown): unknown
  /**
   * Whether `doc` should be written again: it holds a secret in plaintext (a
   * record written before sealing) or sealed with a previous key (before a rotation).
   */
  needsSealing(key: string, doc: unknown): boolean
}

/**
 * Seals and opens the secret fields of one kind of control-plane record with
 * the {@link SecretBox}, so the store only ever holds them encrypted while
 * callers (and their caches) see plaintext.
 *
 * @example
 * const sealer = createSecretSealer(box, (key, doc) => secretAt(doc, ['siteSecret'], `portal:${key}:siteSecret`))
 * const row = sealer.seal(portal.id, portal)
 */
export function createSecretSealer(box: SecretBox, fieldsOf: SecretFieldsOf): SecretSealer {
  const copy = (doc: unknown): Record<string, unknown> | null =>
    doc && typeof doc === 'object' ? (structuredClone(doc) as Record<string, unknown>) : null
  return {
    seal(key, doc) {
      const out = copy(doc)
      if (!out) return doc
      for (const f of fieldsOf(key, out)) {
        const v = f.read()
        if (typeof v === 'string') f.write(box.seal(v, f.context))
      }
      return out
    },
    open(key, doc) {
      const out = copy(doc)
      if (!out) return doc
      for (const f of fieldsOf(key, out)) {
        const sealed = sealedSecretSchema.safeParse(f.read())
        if (sealed.success) f.write(box.open(sealed.data, f.context).toString('utf8'))
      }
      return out
    },
    needsSealing(key, doc) {
      const out = copy(doc)
      return (
        !!out &&
        fieldsOf(key, out).some((f) => {
          const v = f.read()
          if (typeof v === 'string') return true
          const sealed = sealedSecretSchema.safeParse(v)
          return sealed.success && !box.isCurrent(sealed.data)
        })
      )
    },
  }
}

/**
 * The start-time refusal when the configured key does not open the secrets
 * already stored: names the key and where it comes from, never any key material.
 */
export function secretKeyMismatch(what: string): DomainError {
  return new DomainError(
    'unavailable',
    'secret_key_mismatch',
    `CASETRAIL_SECRET_KEY (or {dataDir}/secret.key when it is unset) is not the key the stored secrets were sealed with: ${what} cannot be decrypted. Start with the key this data was written with.`,
  )
}
