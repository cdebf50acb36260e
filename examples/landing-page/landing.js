/*
 * The landing page's own script: buttons with `data-touchpoint` record that touchpoint; the
 * checkout form identifies the buyer, records `Order Completed`, and hands the order and the
 * browser's journey token to the order server (examples/server), which sends the confirmation
 * email and the invoice through @touchpoint/node on the same journey.
 * Plain script, no build step: it only talks to `window.touchpoint`.
 */
/* global window, document, fetch, CustomEvent */
;(function () {
  var form = document.getElementById('checkout')

  function tp() {
    return window.touchpoint
  }

  // The serializable token @touchpoint/node accepts to join server touchpoints to this visitor.
  function journeyToken() {
    var fn = tp() && tp().journeyToken
    try {
      return typeof fn === 'function' ? fn() : undefined
    } catch {
      return undefined
    }
  }

  function postToServer(path, body) {
    var base = form && form.getAttribute('data-order-endpoint')
    if (!base) return Promise.resolve()
    var url = base.replace(/\/orders$/, '') + path
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(function () {})
  }

  document.addEventListener('click', function (event) {
    var el = event.target && event.target.closest ? event.target.closest('[data-touchpoint]') : null
    if (!el) return
    tp().track('touchpoint', { touchpoint: el.getAttribute('data-touchpoint'), channel: 'web' })
    // Asking for a call: the sales team's CRM records the call later, on this same journey.
    if (el.hasAttribute('data-sales-call')) postToServer('/sales-calls', { journeyToken: journeyToken() })
  })

  if (!form) return
  form.addEventListener('submit', function (event) {
    event.preventDefault()
    var plan = form.querySelector('input[name="plan"]:checked') || document.querySelector('input[name="plan"]:checked')
    var email = form.querySelector('[name="email"]').value
    var userId = form.querySelector('[name="customerId"]').value || 'customer-' + Math.random().toString(36).slice(2, 10)
    var order = {
      orderId: 'ord-' + Date.now().toString(36) + Math.random().toString(36).slice(2, 6),
      plan: plan ? plan.value : 'starter',
      revenue: plan ? Number(plan.getAttribute('data-price')) : 49,
      currency: 'USD',
    }
    if (form.getAttribute('data-order-id')) order.orderId = form.getAttribute('data-order-id')
    tp().identify(userId, { email: email })
    tp().track('Order Completed', order)
    form.hidden = true
    document.getElementById('thanks').hidden = false
    var done = postToServer('/orders', { order: order, userId: userId, email: email, journeyToken: journeyToken() })
    // Lets a test or the demo wait for the server round-trip.
    form.dispatchEvent(new CustomEvent('touchpoint:ordered', { detail: { order: order, done: done } }))
  })
})()
