/** Runs `work` and returns its result, or `undefined` when it throws: the SDK never throws into the page. */
export const attempt = <T>(work: () => T): T | undefined => {
  try {
    return work()
  } catch {}
}
