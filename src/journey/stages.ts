import type { DigitalJourneyStageId, LifecycleStageId, PurchaseFunnelStageId, StageDefinition } from './types'

/*
 * The three ways the customer-journey literature cuts a journey (see DOMAIN.md), as plain
 * literals so importing them runs nothing. Phases never go backwards within a preset:
 * before purchase, then during, then after.
 *
 * Kept in two parts: the `…StageList`s (id, name, phase: what a tracker places touchpoints with) and
 * the descriptions, joined by the exported `…Stages` lists. A browser bundle only carries the
 * first part.
 */

/** A stage without its description. */
export type BareStage<S extends string = string> = Omit<StageDefinition<S>, 'description'>

/** The purchase funnel's stages in order, without descriptions. */
export const purchaseFunnelStageList: readonly BareStage<PurchaseFunnelStageId>[] = [
  { id: 'awareness', name: 'Awareness', phase: 'before' },
  { id: 'consideration', name: 'Consideration', phase: 'before' },
  { id: 'purchase', name: 'Purchase', phase: 'during' },
  { id: 'retention', name: 'Retention', phase: 'after' },
]

/** The digital customer journey's stages in order, without descriptions. */
export const digitalJourneyStageList: readonly BareStage<DigitalJourneyStageId>[] = [
  { id: 'awareness', name: 'Awareness', phase: 'before' },
  { id: 'consideration', name: 'Consideration', phase: 'before' },
  { id: 'decision', name: 'Decision', phase: 'during' },
  { id: 'delivery-use', name: 'Delivery & use', phase: 'after' },
  { id: 'loyalty-advocacy', name: 'Loyalty & advocacy', phase: 'after' },
]

/** The customer lifecycle's stages in order, without descriptions. */
export const lifecycleStageList: readonly BareStage<LifecycleStageId>[] = [
  { id: 'awareness', name: 'Awareness', phase: 'before' },
  { id: 'acquisition', name: 'Acquisition', phase: 'before' },
  { id: 'onboarding', name: 'Onboarding', phase: 'during' },
  { id: 'engagement', name: 'Engagement', phase: 'after' },
  { id: 'retention', name: 'Retention', phase: 'after' },
  { id: 'advocacy', name: 'Advocacy', phase: 'after' },
]

/** Each preset's stages in order, without descriptions. */
export const stageLists: {
  readonly purchaseFunnel: readonly BareStage<PurchaseFunnelStageId>[]
  readonly digitalJourney: readonly BareStage<DigitalJourneyStageId>[]
  readonly lifecycle: readonly BareStage<LifecycleStageId>[]
} = { purchaseFunnel: purchaseFunnelStageList, digitalJourney: digitalJourneyStageList, lifecycle: lifecycleStageList }

/** Stages of the 4-stage purchase funnel: awareness → consideration → purchase → retention. */
export const purchaseFunnelStages: readonly StageDefinition<PurchaseFunnelStageId>[] = /* @__PURE__ */ describeStages('purchaseFunnel', {
  awareness: 'The customer first hears of the brand or product.',
  consideration: 'The customer researches and compares before buying.',
  purchase: 'The customer buys: store, marketplace, checkout, payment.',
  retention: 'After the sale: the customer is served, kept and comes back.',
})

/** Stages of the 5-stage digital customer journey: awareness → … → loyalty & advocacy. */
export const digitalJourneyStages: readonly StageDefinition<DigitalJourneyStageId>[] = /* @__PURE__ */ describeStages('digitalJourney', {
  awareness:
    'Website, social networks, search engines, online ads, email, app, video. Metrics: website visits, social engagement, brand reach, brand mentions.',
  consideration:
    'Product pages, reviews, demo videos, comparison tools, online consultation, forums. Metrics: click-through on product links, time on product page, wishlist adds, positive reviews.',
  decision: 'Cart, checkout, payment gateway, customer service, super-apps, order-confirmation email. Goal: finish the purchase fast and safely.',
  'delivery-use': 'Order tracking, delivery app, online user guides, support pages, community.',
  'loyalty-advocacy': 'Loyalty programme, email marketing, app, social networks, surveys. Goal: repeat purchases, referrals, customer lifetime value.',
})

/** Stages of the 6-stage customer lifecycle: awareness → acquisition → … → advocacy. */
export const lifecycleStages: readonly StageDefinition<LifecycleStageId>[] = /* @__PURE__ */ describeStages('lifecycle', {
  awareness: 'First contact, e.g. through social networks or a referral.',
  acquisition: 'Light interaction: visits the site, creates an account, downloads the app, starts a trial, opens emails.',
  onboarding: 'First payment; completes the profile and learns the product.',
  engagement: 'The longest stage: continued use and repeat purchases.',
  retention: 'Interest is fading: find out why and make coming back easy.',
  advocacy: 'The customer talks about the brand and leaves reviews.',
})

/**
 * Joins a preset's bare stage list with its descriptions. Takes the preset's key, not the list:
 * a bundler only drops an unused pure call whose arguments are literals.
 */
function describeStages<K extends keyof typeof stageLists>(key: K, descriptions: Record<(typeof stageLists)[K][number]['id'], string>): StageDefinition<(typeof stageLists)[K][number]['id']>[] {
  const stages: readonly BareStage[] = stageLists[key]
  return stages.map((stage) => ({ ...stage, description: (descriptions as Record<string, string>)[stage.id]! })) as StageDefinition<(typeof stageLists)[K][number]['id']>[]
}
