/**
 * What the simulated shop paid for its ads, per touchpoint: cost per click × the visits that
 * arrived through it, so the report can show each paid touchpoint's return on investment.
 */
import type { CustomerPlan } from './population'

/** Cost per click of each paid touchpoint, in USD. Plausible 2026 prices for a SaaS in the demo's niche. */
export const COST_PER_CLICK: Readonly<Record<string, number>> = {
  'facebook-ad': 4.2,
  'instagram-ad': 5.1,
  'tiktok-ad': 2.6,
  'search-ad': 7.5,
}

/** Total spend per paid touchpoint over the population's visits. */
export function adSpend(plans: readonly CustomerPlan[]): Record<string, number> {
  const spend: Record<string, number> = {}
  for (const plan of plans) {
    for (const step of plan.steps) {
      const cpc = step.kind === 'visit' ? COST_PER_CLICK[step.arrival.expected] : undefined
      if (cpc !== undefined && step.kind === 'visit') spend[step.arrival.expected] = (spend[step.arrival.expected] ?? 0) + cpc
    }
  }
  for (const id of Object.keys(spend)) spend[id] = Math.round((spend[id] as number) * 100) / 100
  return spend
}
