import type { OutgoingBatch, Transport, TransportResult, WireEvent } from '@touchpoint/core'

/** A transport that answers from a script, then with its default; it records every attempt. */
export interface ScriptedTransport extends Transport {
  /** Every batch it was asked to send, in order. */
  readonly calls: OutgoingBatch[]
  /** Events of the batches it acknowledged, in order. */
  readonly delivered: WireEvent[]
  /** Answers for the next calls, used up in order. */
  script(...results: Array<TransportResult | number>): void
  /** The answer once the script is used up. */
  fallback: TransportResult | number
}

const asResult = (r: TransportResult | number): TransportResult =>
  typeof r === 'number' ? (r >= 200 && r < 300 ? { ok: true, status: r } : { ok: false, status: r }) : r

export function createScriptedTransport(fallback: TransportResult | number = 200): ScriptedTransport {
  const queue: Array<TransportResult | number> = []
  const transport: ScriptedTransport = {
    calls: [],
    delivered: [],
    fallback,
    script: (...results) => void queue.push(...results),
    async send(batch) {
      transport.calls.push(batch)
      const result = asResult(queue.length > 0 ? (queue.shift() as TransportResult | number) : transport.fallback)
      if (result.ok) transport.delivered.push(...(JSON.parse(batch.body).batch as WireEvent[]))
      return result
    },
  }
  return transport
}
