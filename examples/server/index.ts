/** The example backend: post-purchase touchpoints through `@touchpoint/node`, and the order server the landing page posts to. */
export { createPostPurchase, type FollowUp, type OrderInput, type OutgoingMessage, type PostPurchase, type PostPurchaseOptions } from './post-purchase'
export { createOrderServer, type OrderServer, type OrderServerOptions } from './order-server'
