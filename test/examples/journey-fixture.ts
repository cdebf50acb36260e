/**
 * Wire events for report tests, made from the demo's seeded population without any browser:
 * each step becomes the events the trackers would send, a few hours apart.
 */
import { randomUUID } from 'node:crypto'
import type { WireEvent } from '@touchpoint/core'
import { planPopulation, type CustomerPlan } from '../../examples/demo/population'

const library = { name: 'fixture', version: '0' }

function customerEvents(plan: CustomerPlan, start: number): WireEvent[] {
  const events: WireEvent[] = []
  const anonymousId = `anon-${plan.index}`
  let t = start
  const at = () => new Date((t += 3_600_000 * (1 + (plan.index % 5)))).toISOString()
  const touch = (touchpoint: string, ids: { userId?: string; anonymousId?: string }, value?: number) =>
    events.push({ type: 'track', event: 'touchpoint', messageId: randomUUID(), timestamp: at(), ...ids, properties: { touchpoint, ...(value ? { value, currency: 'USD' } : {}) }, context: { library } })
  for (const step of plan.steps) {
    if (step.kind === 'server') {
      touch(step.touchpoint, step.order ? { userId: plan.userId } : { anonymousId })
      continue
    }
    touch(step.arrival.expected, { anonymousId })
    for (const action of step.actions) touch(action, { anonymousId })
    // What the order server records when the page asks for a call or checks out.
    if (step.actions.includes('sales-team')) touch('telesales', { anonymousId })
    if (step.order) {
      events.push({ type: 'identify', messageId: randomUUID(), timestamp: at(), anonymousId, userId: plan.userId, traits: { email: plan.email }, context: { library } })
      events.push({ type: 'track', event: 'Order Completed', messageId: randomUUID(), timestamp: at(), anonymousId, userId: plan.userId, properties: { revenue: step.order.revenue, currency: 'USD', orderId: step.order.orderId }, context: { library } })
      touch('order-confirmation-email', { userId: plan.userId })
      touch('invoice', { userId: plan.userId }, step.order.revenue)
    }
  }
  return events
}

/** Events of `count` simulated customers, reproducible (except messageIds) from the seed. */
export function fixtureEvents(count: number, seed = 7): WireEvent[] {
  const start = Date.parse('2026-03-01T08:00:00Z')
  return planPopulation(count, seed).flatMap((plan) => customerEvents(plan, start + plan.index * 600_000))
}
