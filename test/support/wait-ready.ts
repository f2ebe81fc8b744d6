/** A spawned server as the crash tests hold it: when it exits, and what it printed. */
export interface SpawnedServer {
  exited: Promise<unknown>
  output: string[]
}

/**
 * Resolves once `${base}/ready` answers 200, polling every 50 ms up to
 * `attempts` times; rejects with the server's output if it exits first or
 * never gets ready.
 */
export async function waitReady(base: string, server: SpawnedServer, attempts = 1200): Promise<void> {
  let exited = false
  void server.exited.then(() => {
    exited = true
  })
  for (let i = 0; i < attempts; i++) {
    if (exited) throw new Error(`the server exited while starting:\n${server.output.join('')}`)
    try {
      if ((await fetch(`${base}/ready`)).status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`the server did not get ready:\n${server.output.join('')}`)
}
