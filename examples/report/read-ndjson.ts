/** Reads exported events (`GET /v1/events.ndjson`, one JSON event per line) from a stream. */
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import type { WireEvent } from '@touchpoint/core'

/** The events of an NDJSON stream, and the lines that were not JSON objects. */
export interface NdjsonResult {
  readonly events: WireEvent[]
  /** `line 12: not valid JSON`, one entry per skipped line. */
  readonly skipped: string[]
}

/** Parses `input` line by line; blank lines are ignored, unreadable ones skipped and listed. */
export async function readNdjson(input: Readable): Promise<NdjsonResult> {
  const events: WireEvent[] = []
  const skipped: string[] = []
  let line = 0
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++
    if (text.trim() === '') continue
    try {
      const value: unknown = JSON.parse(text)
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) events.push(value as WireEvent)
      else skipped.push(`line ${line}: must be a JSON object`)
    } catch {
      skipped.push(`line ${line}: not valid JSON`)
    }
  }
  return { events, skipped }
}
