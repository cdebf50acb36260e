/** Shared helpers for the node adapter tests: temp dirs and ready-made queued events. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { QueuedEvent, WireEvent } from '@touchpoint/core'

/** A fresh temp directory and its cleanup. */
export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-node-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A touchpoint event as the engine would queue it. */
export function queued(id: string, extra: Record<string, unknown> = {}): QueuedEvent {
  const event: WireEvent = {
    type: 'track',
    event: 'touchpoint',
    messageId: id,
    timestamp: '2026-01-01T00:00:00.000Z',
    userId: 'user-42',
    properties: { touchpoint: 'invoice', channel: 'email', ...(extra as Record<string, never>) },
    context: { library: { name: '@touchpoint/node', version: '0.0.0' } },
  }
  const json = JSON.stringify(event)
  return { id, json, bytes: Buffer.byteLength(json) }
}

/** `n` queued events with ids `prefix-0` … */
export function many(n: number, prefix = 'e'): QueuedEvent[] {
  return Array.from({ length: n }, (_, i) => queued(`${prefix}-${i}`))
}
