/**
 * The entry point `npm start` runs: checks the Node version before anything
 * else loads (a missing `zlib.crc32` would otherwise fail at import with an
 * obscure error), then starts the service.
 */
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
if (major < 20 || (major === 20 && minor < 15)) {
  process.stderr.write(
    `casetrail needs Node.js 20.15 or newer (it uses zlib.crc32); this is Node.js ${process.versions.node}. Install a newer Node.js (e.g. 22 LTS) and run npm start again.\n`,
  )
  process.exit(1)
}
await import('./main.ts')
