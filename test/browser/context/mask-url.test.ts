// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { createUrlMasker } from '../../../packages/browser/src/context/mask-url'

const maskUrl = createUrlMasker()

describe('createUrlMasker', () => {
  it.each([
    ['https://a.com/reset?token=abc123', 'https://a.com/reset?token=***'],
    ['https://a.com/?email=a%40b.c&page=2', 'https://a.com/?email=***&page=2'],
    ['https://a.com/login?user=bob&password=hunter2#top', 'https://a.com/login?user=bob&password=***#top'],
    ['https://a.com/?pwd=x&pass=y&secret=z', 'https://a.com/?pwd=***&pass=***&secret=***'],
    ['https://a.com/?user_email=a%40b.c', 'https://a.com/?user_email=***'],
    ['https://a.com/?reset_token=x&client_secret=y', 'https://a.com/?reset_token=***&client_secret=***'],
    ['https://a.com/?EMAIL=x', 'https://a.com/?EMAIL=***'],
    ['https://a.com/cb?code=oauthcode&state=s', 'https://a.com/cb?code=***&state=s'],
    ['https://a.com/?api_key=k&key=k2', 'https://a.com/?api_key=***&key=***'],
    ['https://a.com/cb#access_token=t&expires_in=3600', 'https://a.com/cb#access_token=***&expires_in=3600'],
    ['https://a.com/#/reset?token=t', 'https://a.com/#/reset?token=***'],
    ['https://bob:hunter2@a.com/x', 'https://a.com/x'],
    ['https://a.com/?e%6Dail=x', 'https://a.com/?e%6Dail=***'],
    // A URL in a parameter, left unencoded (`?next=/reset?token=…`), has its own parameters masked.
    ['https://a.com/login?next=/reset-password?token=abc123', 'https://a.com/login?next=/reset-password?token=***'],
    ['https://a.com/cb?redirect=https://b.com/x?code=c&state=s', 'https://a.com/cb?redirect=https://b.com/x?code=***&state=s'],
    ['https://a.com/?next=https://bob:hunter2@b.com/', 'https://a.com/?next=https://b.com/'],
  ])('masks %s', (url, masked) => {
    expect(maskUrl(url)).toBe(masked)
  })

  it.each([
    'https://a.com/?utm_source=facebook&utm_medium=cpc&fbclid=abc',
    'https://a.com/?q=password+reset',
    'https://a.com/monkey?donkey=1&keyboard=2',
    'https://a.com/?token=',
    'https://a.com/#section',
    'https://a.com/?passage=1&keys=2&coder=3',
    'https://a.com/a%20b?x=%E2%9C%93',
  ])('leaves %s unchanged', (url) => {
    expect(maskUrl(url)).toBe(url)
  })

  it('masks configured extra parameters as well as the defaults', () => {
    const mask = createUrlMasker(['order_ref', 'Voucher'])
    expect(mask('https://a.com/?order_ref=1&voucher=2&token=3&id=4')).toBe('https://a.com/?order_ref=***&voucher=***&token=***&id=4')
  })
})
