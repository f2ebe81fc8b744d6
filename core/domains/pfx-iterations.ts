import forge from 'node-forge'

/** One key derivation a `.pfx` file asks for, before any is done: what it protects and its iteration count. */
export interface PfxDerivation {
  use: 'MAC' | 'certificate encryption' | 'private key encryption'
  iterations: number
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  pbes2: '1.2.840.113549.1.5.13',
} as const

/** Nested SafeContents deeper than this are not looked into (the worker's timeout still bounds them). */
const MAX_NESTING = 4

type Node = forge.asn1.Asn1
const kids = (n: Node | undefined): Node[] => (n && Array.isArray(n.value) ? (n.value as Node[]) : [])
const isInteger = (n: Node | undefined): n is Node =>
  n?.tagClass === forge.asn1.Class.UNIVERSAL && n.type === forge.asn1.Type.INTEGER && !n.constructed
const oidOf = (n: Node | undefined): string | null =>
  n?.type === forge.asn1.Type.OID && typeof n.value === 'string' ? forge.asn1.derToOid(n.value) : null

/** An INTEGER's value; counts past 2^53 come out as a large float, still larger than any cap. */
const integerOf = (n: Node): number => {
  const hex = forge.util.bytesToHex(n.value as string)
  return hex === '' ? 0 : Number.parseInt(hex, 16)
}

/** An OCTET STRING's bytes, primitive or (BER) constructed of chunks. */
const octetsOf = (n: Node | undefined): string | null => {
  if (!n || n.type !== forge.asn1.Type.OCTETSTRING) return null
  return typeof n.value === 'string'
    ? n.value
    : kids(n)
        .map((c) => octetsOf(c) ?? '')
        .join('')
}

/** A ContentInfo's `[0] EXPLICIT` content. */
const contentOf = (contentInfo: Node): Node | undefined => kids(kids(contentInfo)[1])[0]

const parse = (bytes: string | null): Node | null => {
  if (bytes === null) return null
  try {
    return forge.asn1.fromDer(bytes, false)
  } catch {
    return null
  }
}

/**
 * The iteration count of a password-based encryption AlgorithmIdentifier:
 * PBES2 (PBKDF2's `iterationCount`) or PKCS#12 / PBES1 (`{ salt, iterations }`).
 */
function iterationsOfAlgorithm(algorithm: Node | undefined): number | null {
  const [oid, params] = kids(algorithm)
  if (oidOf(oid) === OID.pbes2) {
    const kdfParams = kids(kids(params)[0])[1]
    const count = kids(kdfParams)[1]
    return isInteger(count) ? integerOf(count) : null
  }
  const count = kids(params)[1]
  return isInteger(count) ? integerOf(count) : null
}

function safeContents(node: Node | null, depth: number, out: PfxDerivation[]) {
  if (!node || depth > MAX_NESTING) return
  for (const bag of kids(node)) {
    const [bagId, wrapped] = kids(bag)
    const kind = oidOf(bagId)
    const value = kids(wrapped)[0]
    if (kind === OID.shroudedKeyBag) {
      const iterations = iterationsOfAlgorithm(kids(value)[0])
      if (iterations !== null) out.push({ use: 'private key encryption', iterations })
    } else if (kind === OID.safeContentsBag) {
      safeContents(value ?? null, depth + 1, out)
    }
  }
}

/**
 * Every key derivation a PKCS#12 file asks for that can be read without the
 * password: the MAC's (`macData.iterations`), each encrypted SafeContents'
 * and each shrouded key bag in plain SafeContents. Read from the ASN.1
 * structure alone, so a file asking for millions of iterations is refused
 * before one is done. Bags inside encrypted contents are hidden until
 * decrypted; the worker's timeout bounds those.
 */
export function pfxDerivations(pfx: Node): PfxDerivation[] {
  const out: PfxDerivation[] = []
  const [, authSafe, macData] = kids(pfx)
  if (macData) {
    const iterations = kids(macData)[2]
    // Absent, the MAC's count is 1 (DEFAULT 1).
    out.push({ use: 'MAC', iterations: isInteger(iterations) ? integerOf(iterations) : 1 })
  }
  if (!authSafe || oidOf(kids(authSafe)[0]) !== OID.data) return out
  const authenticated = parse(octetsOf(contentOf(authSafe)))
  for (const info of kids(authenticated ?? undefined)) {
    const type = oidOf(kids(info)[0])
    if (type === OID.data) safeContents(parse(octetsOf(contentOf(info))), 0, out)
    else if (type === OID.encryptedData) {
      const encryptedContentInfo = kids(contentOf(info))[1]
      const iterations = iterationsOfAlgorithm(kids(encryptedContentInfo)[1])
      if (iterations !== null) out.push({ use: 'certificate encryption', iterations })
    }
  }
  return out
}
