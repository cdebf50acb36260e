/**
 * Groups the event table's rows by person and puts each person's rows in time order, once.
 * People are sorted by id so every later sum runs in the same order whatever the input order
 * (floating-point sums depend on order).
 */
import type { WireEvent } from '../event/types'
import type { EventTable } from './event-table'
import { compareStrings, type IdentityGraph, type IdentityGroup } from './identity-graph'

/** Rows grouped per customer: customer `c` owns `order[offsets[c] .. offsets[c + 1])`. */
export interface Timelines {
  /** Customers (people with at least one timeline event), sorted by id. */
  readonly people: readonly IdentityGroup[]
  readonly offsets: Int32Array
  /** Row indices, grouped by customer, each group by time then messageId. */
  readonly order: Int32Array
}

/** Groups and sorts. */
export function buildTimelines(table: EventTable, graph: IdentityGraph, events: readonly WireEvent[]): Timelines {
  const { groups, groupOf } = graph.groups()
  const rowGroup = new Int32Array(table.length)
  const counts = new Int32Array(groups.length)
  for (let r = 0; r < table.length; r++) {
    const group = groupOf[table.node[r]!]!
    rowGroup[r] = group
    counts[group]!++
  }

  const present: number[] = []
  for (let g = 0; g < groups.length; g++) if (counts[g]! > 0) present.push(g)
  // A user id and an anonymous id may share their text; the identified person sorts first.
  present.sort((a, b) => compareStrings(groups[a]!.id, groups[b]!.id) || groups[b]!.userIds.length - groups[a]!.userIds.length)

  const rank = new Int32Array(groups.length)
  const offsets = new Int32Array(present.length + 1)
  for (let c = 0; c < present.length; c++) {
    rank[present[c]!] = c
    offsets[c + 1] = offsets[c]! + counts[present[c]!]!
  }
  const fill = offsets.slice(0, present.length)
  const order = new Int32Array(table.length)
  for (let r = 0; r < table.length; r++) order[fill[rank[rowGroup[r]!]!]!++] = r

  // One comparator for the whole run; messageId (UUIDv7, time-ordered) breaks ties so equal
  // timestamps still sort the same whatever the input order.
  const { time, source } = table
  const byTime = (a: number, b: number): number =>
    time[a]! - time[b]! || compareStrings(events[source[a]!]!.messageId, events[source[b]!]!.messageId)
  for (let c = 0; c < present.length; c++) {
    const from = offsets[c]!
    const to = offsets[c + 1]!
    if (to - from > 1 && !isSorted(time, order, from, to)) order.subarray(from, to).sort(byTime)
    else if (to - from > 1) sortTies(order, from, to, time, byTime)
  }

  return { people: present.map((g) => groups[g]!), offsets, order }
}

function isSorted(time: Float64Array, order: Int32Array, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (time[order[i - 1]!]! > time[order[i]!]!) return false
  return true
}

/** Already in time order: only runs of equal timestamps need the messageId tie-break. */
function sortTies(order: Int32Array, from: number, to: number, time: Float64Array, byTime: (a: number, b: number) => number): void {
  let start = from
  for (let i = from + 1; i <= to; i++) {
    if (i === to || time[order[i]!] !== time[order[start]!]) {
      if (i - start > 1) order.subarray(start, i).sort(byTime)
      start = i
    }
  }
}
