#!/usr/bin/env node
// Restores lock entries for platform-specific optional packages that this
// machine's registry does not carry (e.g. @chdb/lib-darwin-arm64).
//
// npm 11 records nothing for an optional dependency it cannot fetch, and then
// `npm ci` refuses the very lock it wrote ("Missing: … from lock file"; npm/cli
// #9846). Each stub names the package with the version its parent pins, and the
// os/cpu/libc its name says, so `npm ci` skips it on every other platform and a
// registry that has it installs it where it belongs. Run after `npm install`:
//   node tools/repair-lock.mjs
import { readFileSync, writeFileSync } from 'node:fs'

const file = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(file, 'utf8'))
const packages = lock.packages

/** os, cpu and libc as a platform package's name spells them (`cli-linux-x64-musl`). */
function platformOf(name) {
  const os = ['android', 'darwin', 'linux', 'win32', 'freebsd', 'openbsd', 'sunos', 'aix'].find((o) =>
    name.includes(o),
  )
  const cpu = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64'].find((c) =>
    new RegExp(`[-_]${c}([-_]|$)`).test(name),
  )
  const libc = name.includes('musl') ? 'musl' : name.includes('gnu') && os === 'linux' ? 'glibc' : undefined
  return { os, cpu, libc }
}

let added = 0
for (const [path, meta] of Object.entries(packages)) {
  for (const [dep, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${dep}`
    if (packages[nested] || packages[`node_modules/${dep}`]) continue
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(range)) {
      console.warn(`skipped ${dep}@${range}: not an exact version`)
      continue
    }
    const { os, cpu, libc } = platformOf(dep)
    if (!os || !cpu) {
      console.warn(`skipped ${dep}: its name does not say its platform`)
      continue
    }
    packages[`node_modules/${dep}`] = {
      version: range,
      cpu: [cpu],
      ...(meta.dev ? { dev: true } : {}),
      ...(libc ? { libc: [libc] } : {}),
      optional: true,
      os: [os],
    }
    added++
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
)
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`)
console.log(`repair-lock: ${added} platform stub${added === 1 ? '' : 's'} added`)
