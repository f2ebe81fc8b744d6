import { parseArgs } from 'node:util'
import { createSasToken } from '../core/index.ts'

const USAGE = `Mint a casetrail shared access signature (Event Hubs format) from a hub key.

usage: npm run -s token -- --url <PUBLIC_URL> --hub <hubId> [--portal <portalId> | --contact <contactId>]
                           [--key-name <name>] --key <secret> [--ttl <seconds>]

  --url        the service's PUBLIC_URL, e.g. http://localhost:8787
  --hub        the hub id
  --portal     scope the token to one portal (what a portal's server should use)
  --contact    scope the token to one contact (what a case form hands the widget)
  --key-name   the hub key's name (default: default)
  --key        the key's primary or secondary secret (44 characters of base64, as
               GET /v1/admin/hubs/{hubId} shows it); or set CASETRAIL_HUB_KEY so it
               stays out of your shell history
  --ttl        lifetime in seconds (default 3600)
  -h, --help   this text

Use \`npm run -s token\` (-s: silent) so npm does not echo the command line, key included.
The token is printed to stdout; nothing is logged.

examples:
  # a portal's beacon token, valid one hour
  CASETRAIL_HUB_KEY='<the key>' npm run -s token -- --url http://localhost:8787 \\
    --hub 0b9e4a6c-1f43-4d1e-9b7a-2c5d8e9f0a11 --portal 5f2d7c1a-8e34-4b6f-a9d2-3c4e5f6a7b22

  # a case form's read token for one contact, valid 15 minutes
  CASETRAIL_HUB_KEY='<the key>' npm run -s token -- --url http://localhost:8787 \\
    --hub 0b9e4a6c-1f43-4d1e-9b7a-2c5d8e9f0a11 --contact 7c3b1e2d-4f5a-4b6c-8d7e-9f0a1b2c3d33 --ttl 900

  # use it with the typed client (schemas/api-client.ts), e.g. from a portal's server
  const api = createApiClient({ baseUrl: 'http://localhost:8787', sasToken: token })
  await api.sendPortalInteractions({ params: { hubId, portalId }, body: [interaction] })

  # or let the server mint it with an admin token (no hub key leaves the server)
  const admin = createApiClient({ baseUrl: 'http://localhost:8787', adminToken })
  const { token } = await admin.mintHubToken({ params: { hubId },
    body: { keyName: 'default', resource: { kind: 'contact', contactId }, ttlSeconds: 900 } })`

/** A hub key's secret: 32 random bytes in base64 (what casetrail generates). */
const KEY_SHAPE = /^[A-Za-z0-9+/]{43}=$/

/** Parses the CLI's arguments into a token; prints the usage (exit 0) when asked or given nothing; exits 2 on a mistake. */
function main(argv: string[], env: Record<string, string | undefined>) {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  let values: Record<string, string | undefined>
  try {
    values = parseArgs({
      args: argv,
      options: {
        url: { type: 'string' },
        hub: { type: 'string' },
        portal: { type: 'string' },
        contact: { type: 'string' },
        'key-name': { type: 'string' },
        key: { type: 'string' },
        ttl: { type: 'string' },
      },
      strict: true,
    }).values
  } catch (err) {
    return fail((err as Error).message)
  }
  const key = values.key ?? env.CASETRAIL_HUB_KEY
  const missing = [
    !values.url && '--url',
    !values.hub && '--hub',
    !key && '--key (or CASETRAIL_HUB_KEY)',
  ].filter(Boolean)
  if (missing.length > 0) return fail(`missing ${missing.join(', ')}`)
  if (!KEY_SHAPE.test(key!)) {
    return fail(
      `--key must be a hub key's secret: 44 characters of base64 ending in "=", as GET /v1/admin/hubs/{hubId} shows it (primaryKey or secondaryKey); got ${key!.length} characters${/^<.*>$/.test(key!) ? ' (a placeholder: replace it with the key itself)' : ''}`,
    )
  }
  if (!/^https?:\/\/[^\s/]+/.test(values.url!)) {
    return fail(
      `--url must be the service's PUBLIC_URL, like http://localhost:8787; got ${JSON.stringify(values.url)}`,
    )
  }
  if (values.portal && values.contact) return fail('give --portal or --contact, not both')
  const ttl = Number(values.ttl ?? 3600)
  if (!Number.isInteger(ttl) || ttl < 1)
    return fail(`--ttl must be a whole number of seconds, got ${JSON.stringify(values.ttl)}`)
  const below = values.portal
    ? `/portals/${values.portal}`
    : values.contact
      ? `/contacts/${values.contact}`
      : ''
  const resourceUri = `${values.url!.replace(/\/+$/, '')}/v1/hubs/${values.hub}${below}`
  process.stdout.write(
    `${createSasToken({ resourceUri, keyName: values['key-name'] ?? 'default', key: key!, ttlSeconds: ttl })}\n`,
  )
}

function fail(message: string) {
  process.stderr.write(`${message}\n\nRun npm run -s token -- --help for the usage and examples.\n`)
  process.exit(2)
}

main(process.argv.slice(2), process.env)
