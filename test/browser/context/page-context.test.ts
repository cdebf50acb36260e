// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { createUrlMasker } from '../../../packages/browser/src/context/mask-url'
import { readPageContext } from '../../../packages/browser/src/context/page-context'

const mask = createUrlMasker()

describe('readPageContext', () => {
  it('reads page, locale, user agent, screen and timezone, masking every URL', () => {
    const context = readPageContext(
      {
        location: { href: 'https://shop.example.com/reset?token=abc&step=2', pathname: '/reset', search: '?token=abc&step=2' },
        document: { title: 'Reset', referrer: 'https://mail.example.com/?email=a%40b.c' },
        navigator: { language: 'vi-VN', userAgent: 'UA/1.0' },
        screen: { width: 390, height: 844 },
        devicePixelRatio: 3,
        timezone: 'Asia/Ho_Chi_Minh',
      },
      mask,
    )
    expect(context).toEqual({
      page: {
        url: 'https://shop.example.com/reset?token=***&step=2',
        path: '/reset',
        search: '?token=***&step=2',
        title: 'Reset',
        referrer: 'https://mail.example.com/?email=***',
      },
      locale: 'vi-VN',
      userAgent: 'UA/1.0',
      screen: { width: 390, height: 844, density: 3 },
      timezone: 'Asia/Ho_Chi_Minh',
    })
  })

  it('uses the previous in-app URL as referrer after an SPA navigation', () => {
    const context = readPageContext(
      { location: { href: 'https://a.com/b', pathname: '/b', search: '' }, document: { referrer: 'https://google.com/' }, timezone: 'UTC' },
      mask,
      'https://a.com/a?password=x',
    )
    expect(context.page).toEqual({ url: 'https://a.com/b', path: '/b', referrer: 'https://a.com/a?password=***' })
  })

  it('reads the real happy-dom window', () => {
    const context = readPageContext({ location, document, navigator, screen }, mask)
    expect(context.page?.url).toBe(location.href)
    expect(context.userAgent).toBe(navigator.userAgent)
    expect(typeof context.timezone).toBe('string')
  })
})
