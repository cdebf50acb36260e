/**
 * The simulated customers: who arrives from where, what they click on the landing page, who buys,
 * and what the server sends them afterwards. Pure data from a seeded generator; the demo plays it
 * through the real trackers.
 */
import { createRandom, type Random } from './prng'

/** How a visit reaches the landing page: the URL's query string and `document.referrer`. */
export interface Arrival {
  /** The landing touchpoint the browser tracker should derive (`facebook-ad`, `google-search`, …). */
  readonly expected: string
  readonly query: string
  readonly referrer: string
}

/** Buttons of the example landing page, by the touchpoint each records. */
export type PageAction = 'product-page' | 'product-review' | 'comparison-tool' | 'promotion' | 'live-chat' | 'sales-team'

/**
 * Follow-ups `examples/server` sends through `@touchpoint/node` after a purchase. (The order
 * confirmation email, the invoice and the sales call are triggered by the page itself: its
 * checkout and "book a call" button post to the order server.)
 */
export type ServerTouchpoint =
  | 'feedback-survey'
  | 'support-ticket'
  | 'warranty-follow-up'
  | 'newsletter-email'
  | 'next-promotion-notice'
  | 'loyalty-programme'

/** A purchase. */
export interface Order {
  readonly orderId: string
  readonly plan: 'starter' | 'pro' | 'team'
  readonly revenue: number
  readonly currency: 'USD'
}

/** One thing that happens to a customer. */
export type Step =
  | { readonly kind: 'visit'; readonly arrival: Arrival; readonly actions: readonly PageAction[]; readonly order?: Order }
  | { readonly kind: 'server'; readonly touchpoint: ServerTouchpoint; readonly order?: Order }

/** How ready to buy a simulated person is; it drives how many visits and clicks they make. */
export type Intent = 'cold' | 'warm' | 'hot'

/** One simulated customer. */
export interface CustomerPlan {
  readonly index: number
  readonly intent: Intent
  /** The id the landing page's checkout form identifies them with. */
  readonly userId: string
  readonly email: string
  readonly steps: readonly Step[]
}

const PLANS: readonly (readonly [Order['plan'], number])[] = [['starter', 49], ['pro', 129], ['team', 349]]

/** First visits: paid social, search, organic social, referrals, direct. Weights are a plausible mix. */
const FIRST_ARRIVALS: readonly (readonly [(r: Random) => Arrival, number])[] = [
  [(r) => ({ expected: 'facebook-ad', query: `?utm_source=facebook&utm_medium=cpc&utm_campaign=spring-sale&fbclid=IwAR${r.token(12)}`, referrer: 'https://m.facebook.com/' }), 22],
  [(r) => ({ expected: 'instagram-ad', query: `?utm_source=instagram&utm_medium=paid_social&utm_campaign=spring-sale&fbclid=PAZ${r.token(12)}`, referrer: 'https://l.instagram.com/' }), 10],
  [(r) => ({ expected: 'tiktok-ad', query: `?utm_source=tiktok&utm_medium=cpc&utm_campaign=creators&ttclid=${r.token(14)}`, referrer: '' }), 7],
  [(r) => ({ expected: 'search-ad', query: `?utm_source=google&utm_medium=cpc&utm_campaign=brand&gclid=Cj0${r.token(14)}`, referrer: 'https://www.google.com/' }), 14],
  [() => ({ expected: 'google-search', query: '', referrer: 'https://www.google.com/' }), 16],
  [() => ({ expected: 'organic-search', query: '', referrer: 'https://www.bing.com/' }), 4],
  [() => ({ expected: 'social-post', query: '', referrer: 'https://www.reddit.com/r/smallbusiness/' }), 7],
  [() => ({ expected: 'referral', query: '?utm_source=friend&utm_medium=referral&utm_campaign=refer-a-friend', referrer: '' }), 6],
  [() => ({ expected: 'referring-site', query: '', referrer: 'https://blog.example.org/best-tools-2026' }), 6],
  [() => ({ expected: 'direct', query: '', referrer: '' }), 8],
]

/** Later visits: people come back by searching, typing the address, or from a retargeting ad. */
const RETURN_ARRIVALS: readonly (readonly [(r: Random) => Arrival, number])[] = [
  [() => ({ expected: 'direct', query: '', referrer: '' }), 30],
  [() => ({ expected: 'google-search', query: '', referrer: 'https://www.google.com/' }), 30],
  [(r) => ({ expected: 'facebook-ad', query: `?utm_source=facebook&utm_medium=cpc&utm_campaign=retargeting&fbclid=IwAR${r.token(12)}`, referrer: 'https://m.facebook.com/' }), 20],
  [(r) => ({ expected: 'search-ad', query: `?utm_source=google&utm_medium=cpc&utm_campaign=brand&gclid=Cj0${r.token(14)}`, referrer: 'https://www.google.com/' }), 20],
]

/** Customers coming back after a purchase follow the newsletter. */
const newsletterArrival = (r: Random): Arrival => ({
  expected: 'newsletter-email',
  query: `?utm_source=newsletter&utm_medium=email&utm_campaign=${r.pick(['june-news', 'upgrade-offer'])}`,
  referrer: '',
})

const INTENTS: readonly (readonly [Intent, number])[] = [['cold', 45], ['warm', 33], ['hot', 22]]

/** Visits, clicks per visit and chance to buy, per intent. */
const BEHAVIOUR: Readonly<Record<Intent, { visits: [number, number]; clicks: [number, number]; buy: number }>> = {
  cold: { visits: [1, 2], clicks: [0, 1], buy: 0.02 },
  warm: { visits: [1, 4], clicks: [1, 2], buy: 0.3 },
  hot: { visits: [2, 5], clicks: [1, 3], buy: 0.75 },
}

const CLICKS: Readonly<Record<Intent, readonly (readonly [PageAction, number])[]>> = {
  cold: [['product-page', 8], ['product-review', 2]],
  warm: [['product-page', 6], ['product-review', 5], ['comparison-tool', 3], ['promotion', 2], ['live-chat', 1]],
  hot: [['product-page', 4], ['product-review', 3], ['comparison-tool', 3], ['promotion', 4], ['live-chat', 2], ['sales-team', 3]],
}

function order(r: Random, index: number, n: number): Order {
  const [plan, revenue] = r.weighted(PLANS.map((p, i) => [p, [5, 3, 1][i] as number] as const))
  return { orderId: `ord-${index}-${n}`, plan, revenue, currency: 'USD' }
}

function visit(r: Random, intent: Intent, arrival: Arrival): Step {
  const actions: PageAction[] = []
  for (let i = r.int(...BEHAVIOUR[intent].clicks); i > 0; i--) {
    const action = r.weighted(CLICKS[intent])
    if (!actions.includes(action)) actions.push(action)
  }
  return { kind: 'visit', arrival, actions }
}

/** Follow-ups the server sends after a purchase, each by chance. */
function afterPurchase(r: Random, bought: Order): Step[] {
  const steps: Step[] = []
  const maybe = (p: number, touchpoint: ServerTouchpoint) => r.chance(p) && steps.push({ kind: 'server', touchpoint, order: bought })
  maybe(0.15, 'support-ticket')
  maybe(0.08, 'warranty-follow-up')
  maybe(0.55, 'feedback-survey')
  maybe(0.4, 'newsletter-email')
  maybe(0.15, 'loyalty-programme')
  return steps
}

/** One customer's plan: visits (the last may end in a purchase), the server's follow-ups, maybe a second purchase. */
export function planCustomer(r: Random, index: number): CustomerPlan {
  const intent = r.weighted(INTENTS)
  const behaviour = BEHAVIOUR[intent]
  const visits = r.int(...behaviour.visits)
  const steps: Step[] = []
  for (let v = 0; v < visits; v++) steps.push(visit(r, intent, r.weighted(v === 0 ? FIRST_ARRIVALS : RETURN_ARRIVALS)(r)))
  if (r.chance(behaviour.buy)) {
    // Only visits so far: the last one ends at the checkout.
    const last = steps.length - 1
    const first = order(r, index, 1)
    steps[last] = { ...(steps[last] as Extract<Step, { kind: 'visit' }>), order: first }
    steps.push(...afterPurchase(r, first))
    // Some come back through the newsletter and buy again: returning customers.
    if (r.chance(0.22)) {
      steps.push({ kind: 'server', touchpoint: 'next-promotion-notice' })
      const again = order(r, index, 2)
      steps.push({ ...visit(r, 'hot', newsletterArrival(r)), order: again } as Step)
    }
  }
  const userId = `customer-${String(index).padStart(5, '0')}`
  return { index, intent, userId, email: `${userId}@example.com`, steps }
}

/**
 * The whole population, reproducible from `seed`.
 * @param count customers to simulate
 * @param seed PRNG seed. @default 7 (the "rule of seven")
 */
export function planPopulation(count: number, seed = 7): CustomerPlan[] {
  const r = createRandom(seed)
  return Array.from({ length: count }, (_, i) => planCustomer(r, i + 1))
}
