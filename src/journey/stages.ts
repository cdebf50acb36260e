import type { DigitalJourneyStageId, LifecycleStageId, PurchaseFunnelStageId, StageDefinition } from './types'

/*
 * The three ways the customer-journey literature cuts a journey (see DOMAIN.md), as plain
 * literals so importing them runs nothing. Phases never go backwards within a preset:
 * before purchase, then during, then after.
 */

/** Stages of the 4-stage purchase funnel: awareness → consideration → purchase → retention. */
export const purchaseFunnelStages: readonly StageDefinition<PurchaseFunnelStageId>[] = [
  { id: 'awareness', name: 'Awareness', phase: 'before', description: 'The customer first hears of the brand or product.' },
  { id: 'consideration', name: 'Consideration', phase: 'before', description: 'The customer researches and compares before buying.' },
  { id: 'purchase', name: 'Purchase', phase: 'during', description: 'The customer buys: store, marketplace, checkout, payment.' },
  { id: 'retention', name: 'Retention', phase: 'after', description: 'After the sale: the customer is served, kept and comes back.' },
]

/** Stages of the 5-stage digital customer journey: awareness → … → loyalty & advocacy. */
export const digitalJourneyStages: readonly StageDefinition<DigitalJourneyStageId>[] = [
  {
    id: 'awareness',
    name: 'Awareness',
    phase: 'before',
    description: 'Website, social networks, search engines, online ads, email, app, video. Metrics: website visits, social engagement, brand reach, brand mentions.',
  },
  {
    id: 'consideration',
    name: 'Consideration',
    phase: 'before',
    description: 'Product pages, reviews, demo videos, comparison tools, online consultation, forums. Metrics: click-through on product links, time on product page, wishlist adds, positive reviews.',
  },
  {
    id: 'decision',
    name: 'Decision',
    phase: 'during',
    description: 'Cart, checkout, payment gateway, customer service, super-apps, order-confirmation email. Goal: finish the purchase fast and safely.',
  },
  {
    id: 'delivery-use',
    name: 'Delivery & use',
    phase: 'after',
    description: 'Order tracking, delivery app, online user guides, support pages, community.',
  },
  {
    id: 'loyalty-advocacy',
    name: 'Loyalty & advocacy',
    phase: 'after',
    description: 'Loyalty programme, email marketing, app, social networks, surveys. Goal: repeat purchases, referrals, customer lifetime value.',
  },
]

/** Stages of the 6-stage customer lifecycle: awareness → acquisition → … → advocacy. */
export const lifecycleStages: readonly StageDefinition<LifecycleStageId>[] = [
  { id: 'awareness', name: 'Awareness', phase: 'before', description: 'First contact, e.g. through social networks or a referral.' },
  {
    id: 'acquisition',
    name: 'Acquisition',
    phase: 'before',
    description: 'Light interaction: visits the site, creates an account, downloads the app, starts a trial, opens emails.',
  },
  { id: 'onboarding', name: 'Onboarding', phase: 'during', description: 'First payment; completes the profile and learns the product.' },
  { id: 'engagement', name: 'Engagement', phase: 'after', description: 'The longest stage: continued use and repeat purchases.' },
  { id: 'retention', name: 'Retention', phase: 'after', description: 'Interest is fading: find out why and make coming back easy.' },
  { id: 'advocacy', name: 'Advocacy', phase: 'after', description: 'The customer talks about the brand and leaves reviews.' },
]
