/* global window, document */
/**
 * Touchpoint inline snippet (readable source; dist/snippet.min.js is the minified copy, < 1 KB gzip).
 *
 * Paste it into <head> and replace the script URL. It defines a stub `window.touchpoint` that
 * records every call (`touchpoint.init({...})`, `touchpoint.track(...)`, ...) as a
 * `[method, ...args]` array, in order, then loads the real script asynchronously; the real script
 * replays the calls in the same order. Until it has loaded, calls return nothing (`flush()` gives
 * `undefined`, not a promise).
 *
 * Inside an inline script element, follow it with your first calls:
 *
 *     touchpoint.init({ endpoint: 'https://collect.example.com/v1/batch', writeKey: 'wk_...' })
 *     touchpoint.page()
 *
 * (No closing script tag may appear in this file: it is pasted inline.)
 */
;(function (w, d, src) {
  var tp = (w.touchpoint = w.touchpoint || [])
  // Already loaded (tp.init is real) or the snippet ran twice: do nothing.
  if (tp.init) return
  var methods = ['init', 'track', 'identify', 'page', 'flush', 'on', 'consent', 'reset', 'journey', 'journeyToken', 'close']
  for (var i = 0; i < methods.length; i++) {
    ;(function (method) {
      tp[method] = function () {
        tp.push([method].concat([].slice.call(arguments)))
      }
    })(methods[i])
  }
  var script = d.createElement('script')
  script.async = true
  script.src = src
  ;(d.head || d.documentElement).appendChild(script)
})(window, document, 'https://cdn.example.com/touchpoint.iife.js')
