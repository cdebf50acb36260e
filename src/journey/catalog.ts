import type { CatalogTouchpoint } from './types'

/*
 * The built-in catalog: the common touchpoints of the customer-journey literature (DOMAIN.md),
 * each placed on a stage in every preset. Rules the tests hold it to:
 * - a touchpoint's `phase` equals the phase of its stage in every preset;
 * - `interaction` is `direct` for the brand's own people, places and 1:1 channels (site, store,
 *   email, chat, phone) and `indirect` for third-party media (ads, search, social, reviews, PR);
 * - where the phase table and the digital journey's stage lists disagree, the stage lists win:
 *   product pages sit in consideration (before), the order-confirmation email in decision (during).
 * Ids a landing-page detector can produce are listed on `catalog` below.
 */
const entries = [
  // Before purchase: advertising (paid media). Ids a landing-page detector maps click ids and utm_medium=cpc to.
  { id: 'facebook-ad', name: 'Facebook ad', channel: 'social', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'awareness' } },
  { id: 'instagram-ad', name: 'Instagram ad', channel: 'social', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'awareness' } },
  { id: 'tiktok-ad', name: 'TikTok ad', channel: 'social', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'awareness' } },
  { id: 'linkedin-ad', name: 'LinkedIn ad', channel: 'social', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'awareness' } },
  { id: 'search-ad', name: 'Search ad', channel: 'search', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'awareness' } },
  { id: 'display-ad', name: 'Display ad', channel: 'paid', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'awareness' } },
  { id: 'video-ad', name: 'Video ad', channel: 'paid', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'awareness' } },
  // Before purchase: search, social and referrals (earned media).
  { id: 'google-search', name: 'Google search (organic)', channel: 'search', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'awareness' } },
  { id: 'organic-search', name: 'Other search engine (organic)', channel: 'search', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'awareness' } },
  { id: 'social-post', name: 'Social network post (organic)', channel: 'social', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'awareness' } },
  { id: 'influencer-post', name: 'Influencer post', channel: 'social', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'awareness' } },
  { id: 'word-of-mouth', name: 'Word of mouth', channel: 'referral', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'awareness' } },
  { id: 'referral', name: 'Customer referral', channel: 'referral', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'awareness' } },
  { id: 'referring-site', name: 'Link from another website', channel: 'referral', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'awareness' } },
  { id: 'pr-article', name: 'PR / press article', channel: 'pr', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'awareness' } },
  // Before purchase: content, events and evaluation.
  { id: 'blog-post', name: 'Blog post', channel: 'content', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'awareness' } },
  { id: 'podcast', name: 'Podcast', channel: 'content', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'awareness' } },
  { id: 'trade-show', name: 'Trade show / expo / event', channel: 'event', interaction: 'direct', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'awareness' } },
  { id: 'product-review', name: 'Product reviews and ratings', channel: 'review', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'consideration', digitalJourney: 'consideration', lifecycle: 'acquisition' } },
  { id: 'community', name: 'Community around the product / forum', channel: 'community', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'consideration', digitalJourney: 'consideration', lifecycle: 'acquisition' } },
  { id: 'ebook', name: 'E-book / whitepaper', channel: 'content', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'consideration', digitalJourney: 'consideration', lifecycle: 'acquisition' } },
  { id: 'case-study', name: 'Case study', channel: 'content', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'consideration', digitalJourney: 'consideration', lifecycle: 'acquisition' } },
  { id: 'demo-video', name: 'Product demo video', channel: 'content', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'consideration', digitalJourney: 'consideration', lifecycle: 'acquisition' } },
  { id: 'certification', name: 'Legal / certification documents', channel: 'content', interaction: 'indirect', phase: 'before',
    stages: { purchaseFunnel: 'consideration', digitalJourney: 'consideration', lifecycle: 'acquisition' } },
  { id: 'webinar', name: 'Webinar', channel: 'event', interaction: 'direct', phase: 'before',
    stages: { purchaseFunnel: 'consideration', digitalJourney: 'consideration', lifecycle: 'acquisition' } },
  // Before purchase: the brand's own site.
  { id: 'direct', name: 'Direct visit (typed-in address or bookmark)', channel: 'web', interaction: 'direct', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'acquisition' } },
  { id: 'landing-page', name: 'Landing page', channel: 'web', interaction: 'direct', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'acquisition' } },
  { id: 'website', name: 'Website', channel: 'web', interaction: 'direct', phase: 'before',
    stages: { purchaseFunnel: 'awareness', digitalJourney: 'awareness', lifecycle: 'acquisition' } },
  { id: 'product-page', name: 'Product page', channel: 'web', interaction: 'direct', phase: 'before',
    stages: { purchaseFunnel: 'consideration', digitalJourney: 'consideration', lifecycle: 'acquisition' } },
  { id: 'comparison-tool', name: 'Comparison tool', channel: 'web', interaction: 'direct', phase: 'before',
    stages: { purchaseFunnel: 'consideration', digitalJourney: 'consideration', lifecycle: 'acquisition' } },
  // During purchase.
  { id: 'catalog', name: 'Catalog', channel: 'content', interaction: 'indirect', phase: 'during',
    stages: { purchaseFunnel: 'purchase', digitalJourney: 'decision', lifecycle: 'onboarding' } },
  { id: 'promotion', name: 'Promotion / discount', channel: 'promotion', interaction: 'indirect', phase: 'during',
    stages: { purchaseFunnel: 'purchase', digitalJourney: 'decision', lifecycle: 'onboarding' } },
  { id: 'marketplace', name: 'E-commerce marketplace (Shopee, Lazada, Amazon)', channel: 'marketplace', interaction: 'indirect', phase: 'during',
    stages: { purchaseFunnel: 'purchase', digitalJourney: 'decision', lifecycle: 'onboarding' } },
  { id: 'store-visit', name: 'Store visit', channel: 'store', interaction: 'direct', phase: 'during',
    stages: { purchaseFunnel: 'purchase', digitalJourney: 'decision', lifecycle: 'onboarding' } },
  { id: 'point-of-sale', name: 'Point of sale / counter', channel: 'store', interaction: 'direct', phase: 'during',
    stages: { purchaseFunnel: 'purchase', digitalJourney: 'decision', lifecycle: 'onboarding' } },
  { id: 'sales-team', name: 'Sales team / consultation', channel: 'sales', interaction: 'direct', phase: 'during',
    stages: { purchaseFunnel: 'purchase', digitalJourney: 'decision', lifecycle: 'onboarding' } },
  { id: 'telesales', name: 'Telesales call', channel: 'phone', interaction: 'direct', phase: 'during',
    stages: { purchaseFunnel: 'purchase', digitalJourney: 'decision', lifecycle: 'onboarding' } },
  { id: 'live-chat', name: 'Live chat while buying', channel: 'chat', interaction: 'direct', phase: 'during',
    stages: { purchaseFunnel: 'purchase', digitalJourney: 'decision', lifecycle: 'onboarding' } },
  { id: 'cart', name: 'Cart', channel: 'web', interaction: 'direct', phase: 'during',
    stages: { purchaseFunnel: 'purchase', digitalJourney: 'decision', lifecycle: 'onboarding' } },
  { id: 'checkout', name: 'Checkout and payment', channel: 'web', interaction: 'direct', phase: 'during',
    stages: { purchaseFunnel: 'purchase', digitalJourney: 'decision', lifecycle: 'onboarding' } },
  { id: 'order-confirmation-email', name: 'Order-confirmation email', channel: 'email', interaction: 'direct', phase: 'during',
    stages: { purchaseFunnel: 'purchase', digitalJourney: 'decision', lifecycle: 'onboarding' } },
  // After purchase: delivery, use and support.
  { id: 'invoice', name: 'Invoice', channel: 'email', interaction: 'direct', phase: 'after',
    stages: { purchaseFunnel: 'retention', digitalJourney: 'delivery-use', lifecycle: 'engagement' } },
  { id: 'delivery-tracking', name: 'Order / delivery tracking', channel: 'web', interaction: 'direct', phase: 'after',
    stages: { purchaseFunnel: 'retention', digitalJourney: 'delivery-use', lifecycle: 'engagement' } },
  { id: 'user-guide', name: 'Online user guide', channel: 'content', interaction: 'direct', phase: 'after',
    stages: { purchaseFunnel: 'retention', digitalJourney: 'delivery-use', lifecycle: 'engagement' } },
  { id: 'mobile-app', name: 'Mobile app', channel: 'app', interaction: 'direct', phase: 'after',
    stages: { purchaseFunnel: 'retention', digitalJourney: 'delivery-use', lifecycle: 'engagement' } },
  { id: 'support-centre', name: 'Customer-care / service centre', channel: 'support', interaction: 'direct', phase: 'after',
    stages: { purchaseFunnel: 'retention', digitalJourney: 'delivery-use', lifecycle: 'engagement' } },
  { id: 'support-ticket', name: 'Online support ticket', channel: 'support', interaction: 'direct', phase: 'after',
    stages: { purchaseFunnel: 'retention', digitalJourney: 'delivery-use', lifecycle: 'engagement' } },
  { id: 'support-call', name: 'Support hotline call', channel: 'phone', interaction: 'direct', phase: 'after',
    stages: { purchaseFunnel: 'retention', digitalJourney: 'delivery-use', lifecycle: 'engagement' } },
  { id: 'chatbot', name: 'Support chatbot', channel: 'chat', interaction: 'direct', phase: 'after',
    stages: { purchaseFunnel: 'retention', digitalJourney: 'delivery-use', lifecycle: 'engagement' } },
  { id: 'warranty-follow-up', name: 'Warranty follow-up', channel: 'support', interaction: 'direct', phase: 'after',
    stages: { purchaseFunnel: 'retention', digitalJourney: 'delivery-use', lifecycle: 'engagement' } },
  // After purchase: loyalty and advocacy.
  { id: 'newsletter-email', name: 'Email marketing / newsletter', channel: 'email', interaction: 'direct', phase: 'after',
    stages: { purchaseFunnel: 'retention', digitalJourney: 'loyalty-advocacy', lifecycle: 'retention' } },
  { id: 'next-promotion-notice', name: 'Notice of the next promotion', channel: 'email', interaction: 'direct', phase: 'after',
    stages: { purchaseFunnel: 'retention', digitalJourney: 'loyalty-advocacy', lifecycle: 'retention' } },
  { id: 'feedback-survey', name: 'Feedback / satisfaction survey', channel: 'survey', interaction: 'direct', phase: 'after',
    stages: { purchaseFunnel: 'retention', digitalJourney: 'loyalty-advocacy', lifecycle: 'retention' } },
  { id: 'loyalty-programme', name: 'Loyalty programme / membership', channel: 'loyalty', interaction: 'direct', phase: 'after',
    stages: { purchaseFunnel: 'retention', digitalJourney: 'loyalty-advocacy', lifecycle: 'retention' } },
  { id: 'subscription-renewal', name: 'Subscription renewal', channel: 'email', interaction: 'direct', phase: 'after',
    stages: { purchaseFunnel: 'retention', digitalJourney: 'loyalty-advocacy', lifecycle: 'retention' } },
  { id: 'customer-review', name: 'Review written by the customer', channel: 'review', interaction: 'indirect', phase: 'after',
    stages: { purchaseFunnel: 'retention', digitalJourney: 'loyalty-advocacy', lifecycle: 'advocacy' } },
] as const satisfies readonly CatalogTouchpoint[]

/** Id of a touchpoint of the built-in catalog (`'facebook-ad' | 'invoice' | …`). */
export type CatalogTouchpointId = (typeof entries)[number]['id']

/**
 * The built-in touchpoint catalog, in journey order (before, during, after purchase).
 *
 * Ids a browser landing-touch detector can map a visit to:
 * `facebook-ad`, `instagram-ad`, `tiktok-ad`, `linkedin-ad` (click ids or `utm_medium=cpc` from
 * those networks), `search-ad` (`gclid`, `msclkid`, paid search), `display-ad`, `video-ad`,
 * `google-search` and `organic-search` (search-engine referrers), `social-post` (organic social
 * referrers), `referring-site` (any other referrer), `newsletter-email` (`utm_medium=email`),
 * `referral` (refer-a-friend links) and `direct` (no referrer, no campaign).
 */
export const catalog: readonly CatalogTouchpoint<CatalogTouchpointId>[] = entries

/**
 * The catalog by id, for O(1) lookups: `catalogById['invoice']?.channel`. Any string may be
 * looked up (custom ids give `undefined`); the object has no prototype, so ids such as
 * `constructor` are never found by accident.
 */
export const catalogById: CatalogById = /* @__PURE__ */ indexById(catalog)

/** Type of `catalogById`: exact entries for catalog ids, `undefined` for any other string. */
export type CatalogById = { readonly [K in CatalogTouchpointId]: CatalogTouchpoint<K> } & {
  readonly [id: string]: CatalogTouchpoint | undefined
}

function indexById(touchpoints: readonly CatalogTouchpoint<CatalogTouchpointId>[]): CatalogById {
  const byId: Record<string, CatalogTouchpoint> = Object.create(null)
  for (const touchpoint of touchpoints) byId[touchpoint.id] = touchpoint
  return Object.freeze(byId) as CatalogById
}
