// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { createUrlMasker } from '../../../packages/browser/src/context/mask-url'
import { createPageContext } from '../../../packages/browser/src/context/page-context'

const mask = createUrlMasker()

function fakePage() {
  let time = 0
  const page = {
    location: { href: 'https://shop.example.com/reset?token=abc&step=2&utm_source=mail', pathname: '/reset', search: '?token=abc&step=2&utm_source=mail' },
    document: { title: 'Reset', referrer: 'https://mail.example.com/?email=a%40b.c', cookie: '' },
    navigator: { language: 'vi-VN', userAgent: 'UA/1.0' },
    screen: { width: 390, height: 844 },
    devicePixelRatio: 3,
  }
  return { page, read: createPageContext(page, mask, () => time), advance: (ms: number) => (time += ms) }
}

describe('createPageContext', () => {
  it('reads page, campaign, locale, user agent, screen and timezone, masking every URL', () => {
    const { read } = fakePage()
    expect(read()).toEqual({
      page: {
        url: 'https://shop.example.com/reset?token=***&step=2&utm_source=mail',
        path: '/reset',
        search: '?token=***&step=2&utm_source=mail',
        title: 'Reset',
        referrer: 'https://mail.example.com/?email=***',
      },
      campaign: { source: 'mail' },
      locale: 'vi-VN',
      userAgent: 'UA/1.0',
      screen: { width: 390, height: 844, density: 3 },
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    })
  })

  it('uses the previous in-app URL as referrer after an SPA navigation', () => {
    const { read } = fakePage()
    expect(read('https://shop.example.com/a?password=x').page?.referrer).toBe('https://shop.example.com/a?password=***')
  })

  it('rebuilds the context when the URL or title changes, or a second later', () => {
    const { page, read, advance } = fakePage()
    expect(read()).toBe(read())
    page.navigator.language = 'en-US'
    expect(read().locale).toBe('vi-VN')
    advance(1000)
    expect(read().locale).toBe('en-US')
    page.document.title = 'Other'
    expect(read().page?.title).toBe('Other')
    Object.assign(page.location, { href: 'https://shop.example.com/next', pathname: '/next', search: '' })
    expect(read().page).toEqual({ url: 'https://shop.example.com/next', path: '/next', title: 'Other', referrer: 'https://mail.example.com/?email=***' })
    expect(read().campaign).toBeUndefined()
  })

  it('reads the real happy-dom window', () => {
    const context = createPageContext(window, mask, Date.now)()
    expect(context.page?.url).toBe(location.href)
    expect(context.userAgent).toBe(navigator.userAgent)
    expect(typeof context.timezone).toBe('string')
  })
})
