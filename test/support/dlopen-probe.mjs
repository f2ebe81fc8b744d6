// Preloaded into a server under test (`node --import …/dlopen-probe.mjs`): when
// a native addon is loaded, writes to stderr the JE_MALLOC_CONF libchdb's
// jemalloc sees at that moment, e.g. `dlopen-probe JE_MALLOC_CONF="…" …/chdb_node.node`.
const dlopen = process.dlopen
process.dlopen = function probedDlopen(module, filename, ...rest) {
  process.stderr.write(
    `dlopen-probe JE_MALLOC_CONF=${JSON.stringify(process.env.JE_MALLOC_CONF ?? null)} ${filename}\n`,
  )
  return dlopen.call(this, module, filename, ...rest)
}
