import { build } from 'esbuild'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isTouchpointError, isValidationError, TouchpointError, ValidationError } from '../../src/errors'

describe('TouchpointError', () => {
  it('is an Error with a code, a name and a working instanceof', () => {
    const error = new TouchpointError('queue-full', 'touchpoint: the queue is full')
    expect(error).toBeInstanceOf(Error)
    expect(error).toBeInstanceOf(TouchpointError)
    expect(error.name).toBe('TouchpointError')
    expect(error.code).toBe('queue-full')
    expect(error.message).toBe('touchpoint: the queue is full')
  })

  it('keeps the cause it was given', () => {
    const cause = new Error('disk full')
    expect(new TouchpointError('storage', 'could not write', { cause }).cause).toBe(cause)
  })
})

describe('ValidationError', () => {
  it('names the event, the field path and the rule', () => {
    const error = new ValidationError({ label: 'touchpoint', path: 'properties.revenue', rule: 'must be a finite number' })
    expect(error.message).toBe('touchpoint: properties.revenue must be a finite number')
    expect(error).toBeInstanceOf(TouchpointError)
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.name).toBe('ValidationError')
    expect(error.code).toBe('validation')
    expect([error.label, error.path, error.rule]).toEqual(['touchpoint', 'properties.revenue', 'must be a finite number'])
  })
})

describe('isTouchpointError', () => {
  it('recognises Touchpoint errors and nothing else', () => {
    expect(isTouchpointError(new TouchpointError('x', 'y'))).toBe(true)
    expect(isTouchpointError(new ValidationError({ label: 'a', path: 'b', rule: 'c' }))).toBe(true)
    for (const other of [new Error('plain'), null, undefined, 'touchpoint', { code: 'validation' }]) {
      expect(isTouchpointError(other)).toBe(false)
    }
  })

  it('recognises an error made by another copy of the SDK', () => {
    // What a second bundle's class looks like: same brand, different prototype chain.
    const foreign = Object.assign(new Error('other bundle'), { code: 'validation' })
    Object.defineProperty(foreign, Symbol.for('@touchpoint/error'), { value: true })
    expect(foreign instanceof TouchpointError).toBe(false)
    expect(isTouchpointError(foreign)).toBe(true)
    expect(isValidationError(foreign)).toBe(true)
  })

  it('tells validation errors apart', () => {
    expect(isValidationError(new ValidationError({ label: 'a', path: 'b', rule: 'c' }))).toBe(true)
    expect(isValidationError(new TouchpointError('queue-full', 'full'))).toBe(false)
  })
})

describe('error names', () => {
  it('survive minification, which renames the classes (the script-tag build is minified)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'touchpoint-errors-'))
    try {
      const outfile = join(dir, 'errors.mjs')
      await build({ entryPoints: [fileURLToPath(new URL('../../src/errors.ts', import.meta.url))], bundle: true, minify: true, format: 'esm', outfile, logLevel: 'error' })
      const minified = (await import(pathToFileURL(outfile).href)) as typeof import('../../src/errors')
      expect(new minified.TouchpointError('x', 'y').name).toBe('TouchpointError')
      expect(new minified.ValidationError({ label: 'a', path: 'b', rule: 'c' }).name).toBe('ValidationError')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
