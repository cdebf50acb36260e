/**
 * A store that writes through only while consent allows persisting: before that, writes land in
 * a memory overlay the page reads back, so session and journey state work for the page without
 * leaving anything on the device. Granting commits the overlay; denying removes what was stored.
 */
import type { KeyValueStore } from './key-value-store'

/** A consent-gated store. */
export interface ConsentStore extends KeyValueStore {
  /**
   * Consent granted: writes the overlay through. With `keepStored` (the grant came from another
   * tab, which has been writing since), a key the device already holds keeps its stored value.
   * @param keepStored @default false
   */
  commit(keepStored?: boolean): void
  /**
   * Consent denied: removes `keys` and every key this store touched from the device; the page
   * keeps a memory copy.
   */
  purge(keys?: readonly string[]): void
}

/** Wraps `backing`; `canPersist` is asked on every write. */
export function createConsentStore(backing: KeyValueStore, canPersist: () => boolean): ConsentStore {
  const overlay = new Map<string, string | null>()
  const seen = new Set<string>()
  const store: ConsentStore = {
    getItem(key) {
      seen.add(key)
      return overlay.has(key) ? overlay.get(key)! : backing.getItem(key)
    },
    setItem(key, value) {
      seen.add(key)
      if (!canPersist()) return void overlay.set(key, value)
      overlay.delete(key)
      backing.setItem(key, value)
    },
    removeItem(key) {
      seen.add(key)
      if (!canPersist()) return void overlay.set(key, null)
      overlay.delete(key)
      backing.removeItem(key)
    },
    commit(keepStored = false) {
      for (const [key, value] of overlay) {
        if (keepStored && backing.getItem(key) !== null) continue
        if (value === null) backing.removeItem(key)
        else backing.setItem(key, value)
      }
      overlay.clear()
    },
    purge(keys = []) {
      for (const key of new Set([...keys, ...seen])) {
        overlay.set(key, store.getItem(key))
        backing.removeItem(key)
      }
    },
  }
  return store
}
