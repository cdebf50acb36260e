/**
 * First touch and last touch: the two touches attribution models start from, persisted so a
 * purchase days later still knows which ad or search brought the visitor.
 *
 * - First touch: the first landing touch ever recorded for this browser; never overwritten
 *   (until `clear()`, i.e. `reset()` or consent denied).
 * - Last touch: the latest landing touch that was not `direct` / `internal` ("last non-direct
 *   click"), because typing the address after clicking an ad should not erase the ad; a
 *   direct visit is the last touch only while there is no other.
 */
import type { JsonObject, TouchSummary } from '@touchpoint/core'
import { readJson, writeJson, type KeyValueStore } from './key-value-store'

/** The remembered touches. */
export interface Touches {
  firstTouch?: TouchSummary
  lastTouch?: TouchSummary
}

/** Options of {@link createTouchMemory}. */
export interface TouchMemoryOptions {
  store: KeyValueStore
  /**
   * Storage key.
   * @default 'tp_touches'
   */
  key?: string
}

/** Persists first and last touch. */
export interface TouchMemory {
  /** Records a landing touch. */
  record(touch: TouchSummary): void
  get(): Touches
  clear(): void
}

const weakChannels = ['direct', 'internal']

/** Creates the touch memory; reads storage on each call so every tab sees the same touches. */
export function createTouchMemory({ store, key = 'tp_touches' }: TouchMemoryOptions): TouchMemory {
  const get = (): Touches => readJson<Touches>(store, key) ?? {}
  return {
    get,
    record(touch) {
      const { firstTouch = touch, lastTouch } = get()
      const keepLast = lastTouch && weakChannels.includes(touch.channel ?? '') && !weakChannels.includes(lastTouch.channel ?? '')
      writeJson(store, key, { firstTouch, lastTouch: keepLast ? lastTouch : touch })
    },
    clear: () => store.removeItem(key),
  }
}

/**
 * Events that get `firstTouch` / `lastTouch` in their properties (Segment's ecommerce spec
 * names a purchase `Order Completed`).
 */
export const defaultConversionEvents: readonly string[] = ['Order Completed']

/** Adds the touches to a conversion's properties; keeps values the caller set explicitly. */
export function withTouches(properties: JsonObject, touches: Touches): JsonObject {
  const extra: JsonObject = {}
  if (touches.firstTouch && properties.firstTouch === undefined) extra.firstTouch = touches.firstTouch as unknown as JsonObject
  if (touches.lastTouch && properties.lastTouch === undefined) extra.lastTouch = touches.lastTouch as unknown as JsonObject
  return { ...properties, ...extra }
}
