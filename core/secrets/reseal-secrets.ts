import { isDomainError } from '../errors.ts'
import { secretKeyMismatch } from './sealed-fields.ts'

/**
 * Secrets at rest, at open: a key that cannot open the stored secrets stops
 * the start here, with one clear line; records written before sealing are
 * sealed now (and on every later write). After a rotation
 * (CASETRAIL_SECRET_KEY_PREVIOUS) everything sealed with an old key is sealed
 * again with the current one, so the old key can be dropped at the next start.
 *
 * @example await resealSecrets({ reseals: [hubs.reseal, portals.resealPortals], what: 'the hub keys', previousKeys: 0, log })
 */
export async function resealSecrets(deps: {
  /** Each part's reseal, answering how many records it sealed again. */
  reseals: readonly (() => Promise<number>)[]
  /** What the secrets are, for the refusal: `the stored hub keys, portal keys and certificate keys`. */
  what: string
  previousKeys: number
  log: { info(obj: object, msg: string): void }
}): Promise<void> {
  let resealed = 0
  try {
    for (const reseal of deps.reseals) resealed += await reseal()
  } catch (err) {
    if (isDomainError(err, 'secret_unreadable')) throw secretKeyMismatch(deps.what)
    throw err
  }
  if (resealed > 0)
    deps.log.info(
      { resealed },
      'sealed secrets again with the current secret key (stored in plaintext by an older version, or sealed with a previous key)',
    )
  else if (deps.previousKeys > 0)
    deps.log.info(
      { previousKeys: deps.previousKeys },
      'every stored secret is sealed with the current secret key; CASETRAIL_SECRET_KEY_PREVIOUS can be removed',
    )
}
