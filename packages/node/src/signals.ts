/**
 * Opt-in process hooks (`handleSignals: true`): flush before the process goes away.
 *
 * - `SIGTERM` / `SIGINT`: shut the tracker down within its deadline, then exit the way the signal
 *   would have (re-raised once our listener is gone) — unless the host listens to the signal
 *   too, in which case exiting is the host's decision.
 * - `beforeExit`: the event loop ran dry; flush once (a flush that cannot deliver must not keep
 *   re-arming the loop forever).
 */

const SIGNALS = ['SIGTERM', 'SIGINT'] as const

/** What the hooks call on the tracker. */
export interface SignalTarget {
  flush(): Promise<unknown>
  shutdown(): Promise<unknown>
}

/** Installs the hooks; returns the function that removes them. */
export function handleProcessSignals(target: SignalTarget): () => void {
  let flushedBeforeExit = false
  const onBeforeExit = () => {
    if (flushedBeforeExit) return
    flushedBeforeExit = true
    void target.flush()
  }
  const onSignal = (signal: NodeJS.Signals) => {
    remove()
    void target.shutdown().finally(() => {
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
    })
  }
  const remove = () => {
    process.off('beforeExit', onBeforeExit)
    for (const signal of SIGNALS) process.off(signal, onSignal)
  }
  process.on('beforeExit', onBeforeExit)
  for (const signal of SIGNALS) process.on(signal, onSignal)
  return remove
}
