/**
 * The shipped browser files must run under `script-src 'self'` (no `unsafe-eval`): no `eval`,
 * no `new Function`, and none of zod's JIT (zod is not needed in the browser at all).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const dist = fileURLToPath(new URL('../../packages/browser/dist/', import.meta.url))

function read(file: string): string {
  if (!existsSync(`${dist}${file}`)) execFileSync('npx', ['tsup'], { cwd: fileURLToPath(new URL('..', `file://${dist}`)), stdio: 'ignore' })
  return readFileSync(`${dist}${file}`, 'utf8')
}

describe.each(['touchpoint.iife.js', 'index.js', 'index.cjs', 'snippet.min.js'])('dist/%s', (file) => {
  it('contains no eval and no Function constructor', () => {
    const code = read(file)
    expect(code).not.toMatch(/new Function\b/)
    expect(code).not.toMatch(/\beval\(/)
    expect(code).not.toMatch(/\bFunction\(/)
  })

  it('carries no zod code', () => {
    expect(read(file)).not.toMatch(/\$ZodType|jitless|zod/i)
  })
})
