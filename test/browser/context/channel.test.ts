// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { parseCampaign } from '../../../packages/browser/src/context/campaign'
import { classifyArrival, hostOf } from '../../../packages/browser/src/context/channel'

const page = 'https://shop.example.com/landing'

/** [description, referrer, query on the landing URL, expected channel, expected source] */
const cases: [string, string, string, string, string | undefined][] = [
  // No referrer, no campaign.
  ['a typed-in address', '', '', 'direct', undefined],
  ['a bookmark with an unrelated query', '', '?page=2', 'direct', undefined],
  // Search engines.
  ['google.com', 'https://www.google.com/', '', 'search', 'google'],
  ['a country Google', 'https://www.google.com.vn/', '', 'search', 'google'],
  ['google.co.uk', 'https://www.google.co.uk/search?q=shoes', '', 'search', 'google'],
  ['google.de', 'https://google.de/', '', 'search', 'google'],
  ['Bing', 'https://www.bing.com/search?q=x', '', 'search', 'bing'],
  ['Yahoo search', 'https://search.yahoo.com/', '', 'search', 'yahoo'],
  ['Yahoo Japan', 'https://search.yahoo.co.jp/', '', 'search', 'yahoo'],
  ['DuckDuckGo', 'https://duckduckgo.com/', '', 'search', 'duckduckgo'],
  ['Baidu', 'https://www.baidu.com/link?url=x', '', 'search', 'baidu'],
  ['Yandex', 'https://yandex.ru/', '', 'search', 'yandex'],
  ['Ecosia', 'https://www.ecosia.org/', '', 'search', 'ecosia'],
  ['Naver', 'https://search.naver.com/', '', 'search', 'naver'],
  ['Brave Search', 'https://search.brave.com/', '', 'search', 'brave'],
  ['Cốc Cốc', 'https://coccoc.com/search', '', 'search', 'coccoc'],
  ['Seznam', 'https://www.seznam.cz/', '', 'search', 'seznam'],
  // Social networks.
  ['Facebook', 'https://www.facebook.com/', '', 'social', 'facebook'],
  ["Facebook's link shim", 'https://l.facebook.com/', '', 'social', 'facebook'],
  ['Facebook mobile', 'https://m.facebook.com/', '', 'social', 'facebook'],
  ['Instagram', 'https://l.instagram.com/', '', 'social', 'instagram'],
  ['t.co', 'https://t.co/abc', '', 'social', 'x'],
  ['x.com', 'https://x.com/someone', '', 'social', 'x'],
  ['LinkedIn', 'https://www.linkedin.com/feed/', '', 'social', 'linkedin'],
  ['lnkd.in', 'https://lnkd.in/xyz', '', 'social', 'linkedin'],
  ['Reddit', 'https://old.reddit.com/r/x', '', 'social', 'reddit'],
  ['Pinterest', 'https://www.pinterest.fr/', '', 'social', 'pinterest'],
  ['TikTok', 'https://www.tiktok.com/', '', 'social', 'tiktok'],
  ['YouTube', 'https://www.youtube.com/watch?v=1', '', 'social', 'youtube'],
  ['youtu.be', 'https://youtu.be/1', '', 'social', 'youtube'],
  ['Zalo', 'https://zalo.me/123', '', 'social', 'zalo'],
  ['Threads', 'https://www.threads.net/', '', 'social', 'threads'],
  ['Bluesky', 'https://bsky.app/profile/x', '', 'social', 'bluesky'],
  ['Hacker News', 'https://news.ycombinator.com/item?id=1', '', 'social', 'hackernews'],
  // Webmail.
  ['Gmail', 'https://mail.google.com/', '', 'email', 'gmail'],
  ['Outlook', 'https://outlook.live.com/mail/', '', 'email', 'outlook'],
  ['Yahoo Mail', 'https://mail.yahoo.com/', '', 'email', 'yahoo-mail'],
  // Other sites and the site itself.
  ['a blog', 'https://blog.someone.org/post', '', 'referral', 'blog.someone.org'],
  ['a look-alike host that only contains a brand', 'https://google.evil-example.com/', '', 'referral', 'google.evil-example.com'],
  ['a news site', 'https://vnexpress.net/a', '', 'referral', 'vnexpress.net'],
  ['the same host', 'https://shop.example.com/cart', '', 'internal', undefined],
  ['the same host with www', 'https://www.shop.example.com/', '', 'internal', undefined],
  // utm_medium overrides the referrer.
  ['utm_medium=cpc from Google', 'https://www.google.com/', '?utm_source=google&utm_medium=cpc', 'paid', 'google'],
  ['utm_medium=ppc', '', '?utm_source=bing&utm_medium=ppc', 'paid', 'bing'],
  ['utm_medium=paid_social', 'https://facebook.com/', '?utm_source=facebook&utm_medium=paid_social', 'paid', 'facebook'],
  ['utm_medium=paidsearch', '', '?utm_medium=paidsearch', 'paid', undefined],
  ['utm_medium=display', '', '?utm_source=gdn&utm_medium=display', 'paid', 'gdn'],
  ['utm_medium=cpm', '', '?utm_medium=cpm', 'paid', undefined],
  ['utm_medium=facebook_ads', '', '?utm_source=fb&utm_medium=facebook_ads', 'paid', 'fb'],
  ['utm_medium=email', 'https://mail.google.com/', '?utm_source=newsletter&utm_medium=email', 'email', 'newsletter'],
  ['utm_medium=Email (case-insensitive)', '', '?utm_source=Spring%20Sale&utm_medium=Email', 'email', 'spring-sale'],
  ['utm_medium=newsletter', '', '?utm_medium=newsletter', 'email', undefined],
  ['utm_medium=social', 'https://t.co/x', '?utm_source=twitter&utm_medium=social', 'social', 'twitter'],
  ['utm_medium=social-media', '', '?utm_source=zalo&utm_medium=social-media', 'social', 'zalo'],
  ['utm_medium=organic', '', '?utm_source=google&utm_medium=organic', 'search', 'google'],
  ['utm_medium=referral', '', '?utm_source=friend&utm_medium=referral', 'referral', 'friend'],
  ['utm_medium=lead (not an ad)', '', '?utm_source=partner&utm_medium=lead', 'referral', 'partner'],
  ['utm_medium=qr alone (unknown medium, tagged)', '', '?utm_medium=qr', 'referral', undefined],
  ['utm_medium=CPC with spaces', '', '?utm_medium=%20CPC%20', 'paid', undefined],
  // Click ids without utm_medium.
  ['gclid', '', '?gclid=abc', 'paid', 'google'],
  ['gbraid', 'https://www.google.com/', '?gbraid=abc', 'paid', 'google'],
  ['msclkid', 'https://www.bing.com/', '?msclkid=abc', 'paid', 'bing'],
  ['ttclid', '', '?ttclid=abc', 'paid', 'tiktok'],
  ['li_fat_id', '', '?li_fat_id=abc', 'paid', 'linkedin'],
  ['ScCid (Snapchat, mixed case)', '', '?ScCid=abc', 'paid', 'snapchat'],
  ['fbclid alone (organic Facebook shares carry it too)', 'https://l.facebook.com/', '?fbclid=abc', 'social', 'facebook'],
  ['fbclid with utm_medium=cpc', '', '?utm_source=facebook&utm_medium=cpc&fbclid=abc', 'paid', 'facebook'],
  ['mc_cid (Mailchimp)', '', '?mc_cid=abc', 'email', 'mailchimp'],
  // utm_source alone.
  ['utm_source=newsletter', '', '?utm_source=newsletter', 'email', 'newsletter'],
  ['utm_source=facebook', '', '?utm_source=facebook', 'social', 'facebook'],
  ['utm_source=bing', '', '?utm_source=bing', 'search', 'bing'],
  ['an unknown utm_source with no referrer (tagged, so not direct)', '', '?utm_source=qr-poster', 'referral', 'qr-poster'],
  ['a tagged link from the site itself', 'https://shop.example.com/', '?utm_source=banner', 'referral', 'banner'],
  ['utm_medium=cpc with a social referrer names the platform', 'https://l.instagram.com/', '?utm_medium=cpc', 'paid', 'instagram'],
  ['a utm_source that slugs to nothing', '', '?utm_source=%21%21&gclid=x', 'paid', 'google'],
]

describe('classifyArrival', () => {
  it('covers at least 40 referrer / URL cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40)
  })

  it.each(cases)('classifies %s', (_name, referrer, query, channel, source) => {
    const arrival = classifyArrival(referrer, page + query, parseCampaign(query))
    expect([arrival.channel, arrival.source]).toEqual([channel, source])
  })

  it('counts a sibling subdomain as internal when its domain is listed', () => {
    const arrival = classifyArrival('https://blog.example.com/', page, undefined, '.example.com')
    expect(arrival.channel).toBe('internal')
  })

  it('treats a sibling subdomain as a referral when no internal domain is configured', () => {
    expect(classifyArrival('https://blog.example.com/', page).channel).toBe('referral')
  })

  it('reads a utm_source named like an Object.prototype member as a plain source', () => {
    for (const source of ['constructor', 'toString', 'hasOwnProperty']) {
      const query = `?utm_source=${source}&utm_medium=cpc`
      expect(classifyArrival(undefined, page + query, parseCampaign(query))).toEqual({ channel: 'paid', source: source.toLowerCase(), touchpoint: 'display-ad' })
    }
  })
})

describe('hostOf', () => {
  it('lowercases, drops www. and credentials, and ignores the port', () => {
    expect(hostOf('https://user:pw@WWW.Example.COM:8080/x')).toBe('example.com')
  })

  it('returns undefined for an empty or relative referrer', () => {
    expect(hostOf('')).toBeUndefined()
    expect(hostOf('/relative')).toBeUndefined()
  })
})
