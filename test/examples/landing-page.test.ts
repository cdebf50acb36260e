import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')
/** The `methods` list of a snippet copy: the calls it stubs before the real script loads. */
const methodsOf = (source: string) => {
  const match = /var methods = (\[[^\]]*\])/.exec(source)
  expect(match, 'a `var methods = [...]` list').not.toBeNull()
  return JSON.parse(match![1]!.replace(/'/g, '"')) as string[]
}

describe('the example landing page', () => {
  it('pastes the same inline snippet the browser package ships (no drift in the stubbed methods)', () => {
    expect(methodsOf(read('../../examples/landing-page/index.html'))).toEqual(methodsOf(read('../../packages/browser/src/snippet.js')))
  })
})
