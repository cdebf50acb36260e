import { stageLists, type BareStage } from './stages'
import type { Interaction } from '../event/types'
import type { CatalogTouchpoint, PresetName } from './types'

/*
 * The built-in catalog: the common touchpoints of the customer-journey literature (DOMAIN.md),
 * each placed on a stage in every preset. Rules the tests hold it to:
 * - a touchpoint's `phase` equals the phase of its stage in every preset;
 * - `interaction` is `direct` for the brand's own people, places and 1:1 channels (site, store,
 *   email, chat, phone) and `indirect` for third-party media (ads, search, social, reviews, PR);
 * - where the phase table and the digital journey's stage lists disagree, the stage lists win:
 *   product pages sit in consideration (before), the order-confirmation email in decision (during).
 * Ids a landing-page detector can produce are listed on `catalog` below.
 *
 * Stored as two tables so a browser bundle carries only what placing a touchpoint needs:
 * `catalogRows` (id and stages, ~0.5 KB gzip, used by `createLeanPreset`) and `details`
 * (names, channels, interactions, used only by `catalog` and the full presets).
 */

/**
 * The touchpoints in journey order, in runs that share their stages: each row is three digits,
 * then the ids. The digits are the run's stage in purchaseFunnel, digitalJourney and lifecycle,
 * one each: the stage's index in that preset's stage list (`purchaseFunnelStages`,
 * `digitalJourneyStages`, `lifecycleStages`). The phase is the phase of those stages.
 */
export const catalogRows = [
  // Before purchase: advertising (paid media). Ids a landing-page detector maps click ids and utm_medium=cpc to.
  '000 facebook-ad instagram-ad tiktok-ad linkedin-ad search-ad display-ad video-ad',
  // Before purchase: search, social and referrals (earned media).
  '000 google-search organic-search social-post influencer-post word-of-mouth referral referring-site pr-article',
  // Before purchase: content, events and evaluation.
  '000 blog-post podcast trade-show',
  '111 product-review community ebook case-study demo-video certification webinar',
  // Before purchase: the brand's own site.
  '001 direct landing-page website',
  '111 product-page comparison-tool',
  // During purchase.
  '222 catalog promotion marketplace store-visit point-of-sale sales-team telesales live-chat cart checkout order-confirmation-email',
  // After purchase: delivery, use and support.
  '333 invoice delivery-tracking user-guide mobile-app support-centre support-ticket support-call chatbot warranty-follow-up',
  // After purchase: loyalty and advocacy.
  '344 newsletter-email next-promotion-notice feedback-survey loyalty-programme subscription-renewal',
  '345 customer-review',
] as const

/** The space-separated words of `S`. */
type Words<S extends string> = S extends `${infer W} ${infer Rest}` ? W | Words<Rest> : S

/** Id of a touchpoint of the built-in catalog (`'facebook-ad' | 'invoice' | …`). */
export type CatalogTouchpointId = (typeof catalogRows)[number] extends infer R ? (R extends `${string} ${infer Ids}` ? Words<Ids> : never) : never

/** Order of the stage digits in a row. */
export const presetKeys: readonly PresetName[] = ['purchaseFunnel', 'digitalJourney', 'lifecycle']

/** Name, channel and interaction of every catalog touchpoint. */
const details: { readonly [K in CatalogTouchpointId]: readonly [name: string, channel: string, interaction: Interaction] } = {
  // Before purchase: advertising (paid media). Ids a landing-page detector maps click ids and utm_medium=cpc to.
  'facebook-ad': ['Facebook ad', 'social', 'indirect'],
  'instagram-ad': ['Instagram ad', 'social', 'indirect'],
  'tiktok-ad': ['TikTok ad', 'social', 'indirect'],
  'linkedin-ad': ['LinkedIn ad', 'social', 'indirect'],
  'search-ad': ['Search ad', 'search', 'indirect'],
  'display-ad': ['Display ad', 'paid', 'indirect'],
  'video-ad': ['Video ad', 'paid', 'indirect'],
  // Before purchase: search, social and referrals (earned media).
  'google-search': ['Google search (organic)', 'search', 'indirect'],
  'organic-search': ['Other search engine (organic)', 'search', 'indirect'],
  'social-post': ['Social network post (organic)', 'social', 'indirect'],
  'influencer-post': ['Influencer post', 'social', 'indirect'],
  'word-of-mouth': ['Word of mouth', 'referral', 'indirect'],
  'referral': ['Customer referral', 'referral', 'indirect'],
  'referring-site': ['Link from another website', 'referral', 'indirect'],
  'pr-article': ['PR / press article', 'pr', 'indirect'],
  // Before purchase: content, events and evaluation.
  'blog-post': ['Blog post', 'content', 'indirect'],
  'podcast': ['Podcast', 'content', 'indirect'],
  'trade-show': ['Trade show / expo / event', 'event', 'direct'],
  'product-review': ['Product reviews and ratings', 'review', 'indirect'],
  'community': ['Community around the product / forum', 'community', 'indirect'],
  'ebook': ['E-book / whitepaper', 'content', 'indirect'],
  'case-study': ['Case study', 'content', 'indirect'],
  'demo-video': ['Product demo video', 'content', 'indirect'],
  'certification': ['Legal / certification documents', 'content', 'indirect'],
  'webinar': ['Webinar', 'event', 'direct'],
  // Before purchase: the brand's own site.
  'direct': ['Direct visit (typed-in address or bookmark)', 'web', 'direct'],
  'landing-page': ['Landing page', 'web', 'direct'],
  'website': ['Website', 'web', 'direct'],
  'product-page': ['Product page', 'web', 'direct'],
  'comparison-tool': ['Comparison tool', 'web', 'direct'],
  // During purchase.
  'catalog': ['Catalog', 'content', 'indirect'],
  'promotion': ['Promotion / discount', 'promotion', 'indirect'],
  'marketplace': ['E-commerce marketplace (Shopee, Lazada, Amazon)', 'marketplace', 'indirect'],
  'store-visit': ['Store visit', 'store', 'direct'],
  'point-of-sale': ['Point of sale / counter', 'store', 'direct'],
  'sales-team': ['Sales team / consultation', 'sales', 'direct'],
  'telesales': ['Telesales call', 'phone', 'direct'],
  'live-chat': ['Live chat while buying', 'chat', 'direct'],
  'cart': ['Cart', 'web', 'direct'],
  'checkout': ['Checkout and payment', 'web', 'direct'],
  'order-confirmation-email': ['Order-confirmation email', 'email', 'direct'],
  // After purchase: delivery, use and support.
  'invoice': ['Invoice', 'email', 'direct'],
  'delivery-tracking': ['Order / delivery tracking', 'web', 'direct'],
  'user-guide': ['Online user guide', 'content', 'direct'],
  'mobile-app': ['Mobile app', 'app', 'direct'],
  'support-centre': ['Customer-care / service centre', 'support', 'direct'],
  'support-ticket': ['Online support ticket', 'support', 'direct'],
  'support-call': ['Support hotline call', 'phone', 'direct'],
  'chatbot': ['Support chatbot', 'chat', 'direct'],
  'warranty-follow-up': ['Warranty follow-up', 'support', 'direct'],
  // After purchase: loyalty and advocacy.
  'newsletter-email': ['Email marketing / newsletter', 'email', 'direct'],
  'next-promotion-notice': ['Notice of the next promotion', 'email', 'direct'],
  'feedback-survey': ['Feedback / satisfaction survey', 'survey', 'direct'],
  'loyalty-programme': ['Loyalty programme / membership', 'loyalty', 'direct'],
  'subscription-renewal': ['Subscription renewal', 'email', 'direct'],
  'customer-review': ['Review written by the customer', 'review', 'indirect'],
}

/** Every catalog touchpoint in journey order: its id and its stage index in each preset. */
export function catalogEntries(): [id: CatalogTouchpointId, stages: number[]][] {
  return catalogRows.flatMap((row) => {
    const [digits, ...ids] = row.split(' ')
    const stages = [...digits!].map(Number)
    return ids.map((id): [CatalogTouchpointId, number[]] => [id as CatalogTouchpointId, stages])
  })
}

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
export const catalog: readonly CatalogTouchpoint<CatalogTouchpointId>[] = /* @__PURE__ */ buildCatalog()

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

function buildCatalog(): readonly CatalogTouchpoint<CatalogTouchpointId>[] {
  return catalogEntries().map(([id, indexes]) => {
    const [name, channel, interaction] = details[id]
    const stages = Object.fromEntries(presetKeys.map((key, i) => [key, (stageLists[key] as readonly BareStage[])[indexes[i]!]!.id])) as unknown as CatalogTouchpoint['stages']
    return { id, name, channel, interaction, phase: stageLists.purchaseFunnel[indexes[0]!]!.phase, stages }
  })
}

function indexById(touchpoints: readonly CatalogTouchpoint<CatalogTouchpointId>[]): CatalogById {
  const byId: Record<string, CatalogTouchpoint> = Object.create(null)
  for (const touchpoint of touchpoints) byId[touchpoint.id] = touchpoint
  return Object.freeze(byId) as CatalogById
}
