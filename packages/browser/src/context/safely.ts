/**
 * The context's guard for host-facing work: the SDK never throws into the host page.
 */

/** Runs `work`, swallowing whatever it throws (storage, cookies and listeners can all throw). */
export const safely = (work: () => void): void => {
  try {
    work()
  } catch {}
}
