import { readFileSync } from 'node:fs'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'

/** Runs the real inline snippet source against a minimal window/document. */
function runSnippet() {
  const appended: { src?: string; async?: boolean }[] = []
  const window: { touchpoint?: Record<string, (...args: unknown[]) => unknown> & unknown[] } = {}
  const document = {
    head: { appendChild: (el: { src?: string }) => appended.push(el) },
    createElement: () => ({}),
  }
  runInNewContext(readFileSync(new URL('../../packages/browser/src/snippet.js', import.meta.url), 'utf8'), { window, document })
  return { stub: window.touchpoint!, appended }
}

describe('the inline snippet', () => {
  it('stubs every tracker method, so a call before the script loads never throws into the page', () => {
    const { stub } = runSnippet()
    for (const method of ['init', 'track', 'identify', 'page', 'flush', 'on', 'consent', 'reset', 'journey', 'journeyToken', 'close']) {
      expect(typeof stub[method as never], method).toBe('function')
      expect(() => (stub[method as never] as (...a: unknown[]) => unknown)('x')).not.toThrow()
    }
  })

  it('queues the calls in order and loads the script asynchronously', () => {
    const { stub, appended } = runSnippet()
    stub.init!({ endpoint: 'https://collect.example.test/v1/batch' })
    stub.track!('touchpoint', { touchpoint: 'landing-page' })
    expect(Array.from(stub)).toEqual([['init', { endpoint: 'https://collect.example.test/v1/batch' }], ['track', 'touchpoint', { touchpoint: 'landing-page' }]])
    expect(appended).toHaveLength(1)
    expect(appended[0]?.async).toBe(true)
  })
})
