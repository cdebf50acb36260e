/**
 * What a shop's backend does after (and around) a sale, and the touchpoint each step records
 * through `@touchpoint/node`: the order-confirmation email and the invoice, the sales team's
 * call, and the follow-ups (feedback survey, support ticket, newsletter…). A browser journey token
 * joins them to the visit that started it all, so an invoice lands on the same journey as the
 * ad click.
 */
import type { NodeTracker } from '@touchpoint/node'

/** An order as the landing page's checkout sends it. */
export interface OrderInput {
  readonly orderId: string
  readonly plan: string
  readonly revenue: number
  readonly currency: string
}

/** A message the shop "sends" (the demo has no mail server; `send` decides where it goes). */
export interface OutgoingMessage {
  readonly kind: FollowUp | 'order-confirmation-email' | 'invoice'
  readonly to: string
  readonly subject: string
}

/** Touchpoints the backend records after a purchase, one per message or contact. */
export type FollowUp = 'feedback-survey' | 'support-ticket' | 'warranty-follow-up' | 'newsletter-email' | 'next-promotion-notice' | 'loyalty-programme'

/** Options of {@link createPostPurchase}. */
export interface PostPurchaseOptions {
  /** The server's tracker (`createTracker` from `@touchpoint/node`). */
  readonly tracker: Pick<NodeTracker, 'track'>
  /**
   * Delivers a message: plug a mailer in here.
   * @default a no-op (the demo only records the touchpoint)
   */
  readonly send?: (message: OutgoingMessage) => void
}

const SUBJECTS: Readonly<Record<OutgoingMessage['kind'], string>> = {
  'order-confirmation-email': 'Your Lumen Notes order is confirmed',
  invoice: 'Your invoice',
  'feedback-survey': 'How are we doing? (2 questions)',
  'support-ticket': 'We received your request',
  'warranty-follow-up': 'Checking in on your setup',
  'newsletter-email': 'What is new in Lumen Notes',
  'next-promotion-notice': 'Next week: 30 % off upgrades',
  'loyalty-programme': 'Welcome to Lumen Circle',
}

/** The backend's post-purchase actions. */
export interface PostPurchase {
  /** Sends the order-confirmation email and the invoice for a new order. */
  confirmOrder(input: { order: OrderInput; userId: string; email: string; journeyToken?: string }): void
  /** Records the call the sales team made to a visitor who asked for one on the page. */
  recordSalesCall(input: { journeyToken?: string; userId?: string; anonymousId?: string }): void
  /** Sends a follow-up message to a customer. */
  followUp(touchpoint: FollowUp, input: { userId: string; email?: string; orderId?: string; journeyToken?: string }): void
}

/** Creates the post-purchase actions over a tracker. Only a throwing `send` (your mailer) can throw. */
export function createPostPurchase(options: PostPurchaseOptions): PostPurchase {
  const { tracker } = options
  const send = options.send ?? (() => {})
  const token = (journeyToken: string | undefined) => (journeyToken ? { journeyToken } : {})

  return {
    confirmOrder({ order, userId, email, journeyToken }) {
      send({ kind: 'order-confirmation-email', to: email, subject: SUBJECTS['order-confirmation-email'] })
      tracker.track('touchpoint', { touchpoint: 'order-confirmation-email', channel: 'email', properties: { orderId: order.orderId } }, { userId, ...token(journeyToken) })
      send({ kind: 'invoice', to: email, subject: SUBJECTS.invoice })
      tracker.track(
        'touchpoint',
        { touchpoint: 'invoice', channel: 'email', value: order.revenue, currency: order.currency, properties: { orderId: order.orderId, plan: order.plan } },
        { userId, ...token(journeyToken) },
      )
    },
    recordSalesCall({ journeyToken, userId, anonymousId }) {
      // Without a token or an id the call cannot be placed on anyone's journey; the tracker reports it.
      tracker.track('touchpoint', { touchpoint: 'telesales', channel: 'phone', interaction: 'direct' }, { ...(userId ? { userId } : {}), ...(anonymousId ? { anonymousId } : {}), ...token(journeyToken) })
    },
    followUp(touchpoint, { userId, email, orderId, journeyToken }) {
      if (email) send({ kind: touchpoint, to: email, subject: SUBJECTS[touchpoint] })
      tracker.track('touchpoint', { touchpoint, ...(orderId ? { properties: { orderId } } : {}) }, { userId, ...token(journeyToken) })
    },
  }
}
