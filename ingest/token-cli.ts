import { parseArgs } from 'node:util'
import { createSasToken } from '../core/index.ts'

const USAGE = `Mint a casetrail shared access signature (Event Hubs format).

usage: npm run token -- --url <PUBLIC_URL> --hub <hubId> [--portal <portalId> | --contact <contactId>]
                        --key-name <name> --key <secret> [--ttl <seconds>]

  --url        the service's PUBLIC_URL, e.g. http://localhost:8787
  --hub        the hub id
  --portal     scope the token to one portal (what a portal's server should use)
  --contact    scope the token to one contact (what a case form hands the widget)
  --key-name   the hub key's name (default: default)
  --key        the key's primary or secondary secret; or set CASETRAIL_HUB_KEY
  --ttl        lifetime in seconds (default 3600)

The token is printed to stdout; nothing is logged.`

/** Parses the CLI's arguments into a token; exits 2 with the usage on a mistake. */
function main(argv: string[], env: Record<string, string | undefined>) {
  let values: ReturnType<typeof parseArgs<{ options: Record<string, { type: 'string' }> }>>['values']
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
        help: { type: 'string' },
      },
      strict: true,
    }).values
  } catch (err) {
    return fail((err as Error).message)
  }
  if (argv.includes('--help')) return void process.stdout.write(`${USAGE}\n`)
  const key = values.key ?? env.CASETRAIL_HUB_KEY
  if (!values.url || !values.hub || !key)
    return fail('--url, --hub and --key (or CASETRAIL_HUB_KEY) are required')
  if (values.portal && values.contact) return fail('give --portal or --contact, not both')
  const ttl = Number(values.ttl ?? 3600)
  if (!Number.isInteger(ttl) || ttl < 1)
    return fail(`--ttl must be a whole number of seconds, got ${JSON.stringify(values.ttl)}`)
  const below = values.portal
    ? `/portals/${values.portal}`
    : values.contact
      ? `/contacts/${values.contact}`
      : ''
  const resourceUri = `${values.url.replace(/\/+$/, '')}/v1/hubs/${values.hub}${below}`
  process.stdout.write(
    `${createSasToken({ resourceUri, keyName: values['key-name'] ?? 'default', key, ttlSeconds: ttl })}\n`,
  )
}

function fail(message: string) {
  process.stderr.write(`${message}\n\n${USAGE}\n`)
  process.exit(2)
}

main(process.argv.slice(2), process.env)
