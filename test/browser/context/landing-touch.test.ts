// @vitest-environment happy-dom
import type { TouchSummary } from '@touchpoint/core'
import { describe, expect, it } from 'vitest'
import { catalogById } from '../../../src/journey/catalog'
import { parseCampaign } from '../../../packages/browser/src/context/campaign'
import { classifyArrival } from '../../../packages/browser/src/context/channel'
import { rememberTouch } from '../../../packages/browser/src/context/landing-touch'
import type { VisitorRecord } from '../../../packages/browser/src/context/visitor-store'

const touchFor = (referrer: string, query = '') => {
  const campaign = parseCampaign(query)
  return classifyArrival(referrer, `https://shop.example.com/${query}`, campaign)
}

describe('the landing touchpoint id of classifyArrival', () => {
  it.each([
    ['', '?utm_source=facebook&utm_medium=cpc&fbclid=abc', 'facebook-ad', 'paid'],
    ['', '?utm_source=fb&utm_medium=paid_social', 'facebook-ad', 'paid'],
    ['', '?utm_source=meta&utm_medium=cpc', 'facebook-ad', 'paid'],
    ['', '?utm_source=instagram&utm_medium=cpc', 'instagram-ad', 'paid'],
    ['', '?utm_source=facebook-ads&utm_medium=cpc', 'facebook-ad', 'paid'],
    ['', '?ttclid=1', 'tiktok-ad', 'paid'],
    ['', '?li_fat_id=1', 'linkedin-ad', 'paid'],
    ['https://www.google.com/', '?gclid=1', 'search-ad', 'paid'],
    ['', '?msclkid=1', 'search-ad', 'paid'],
    ['', '?yclid=1', 'search-ad', 'paid'],
    ['', '?utm_source=gdn&utm_medium=display', 'display-ad', 'paid'],
    ['', '?utm_source=google&utm_medium=banner', 'display-ad', 'paid'],
    ['', '?utm_source=youtube&utm_medium=cpv', 'video-ad', 'paid'],
    ['', '?utm_source=youtube&utm_medium=cpc', 'video-ad', 'paid'],
    ['', '?epik=1', 'display-ad', 'paid'],
    ['https://www.google.com.vn/', '', 'google-search', 'search'],
    ['https://www.bing.com/', '', 'organic-search', 'search'],
    ['https://l.facebook.com/', '?fbclid=1', 'social-post', 'social'],
    ['https://t.co/x', '', 'social-post', 'social'],
    ['', '?utm_source=newsletter&utm_medium=email', 'newsletter-email', 'email'],
    ['https://mail.google.com/', '', 'newsletter-email', 'email'],
    ['', '?utm_source=friend&utm_medium=referral', 'referral', 'referral'],
    ['https://blog.someone.org/', '', 'referring-site', 'referral'],
    ['', '', 'direct', 'direct'],
    ['https://shop.example.com/cart', '', 'website', 'internal'],
  ])('maps referrer %j with %j to %s', (referrer, query, touchpoint, channel) => {
    expect(touchFor(referrer, query)).toMatchObject({ touchpoint, channel })
  })

  it('only produces ids the catalog knows, so the journey places them on a stage', () => {
    const ids = ['?utm_source=pinterest&utm_medium=cpc', '?utm_medium=cpc', '?gclid=1', '?mc_cid=1', '?utm_medium=organic'].map((q) => touchFor('', q).touchpoint)
    for (const id of ids) expect(catalogById[id]).toBeDefined()
  })

  it('keeps the platform as source', () => {
    expect(touchFor('https://www.google.com/')).toEqual({ touchpoint: 'google-search', channel: 'search', source: 'google' })
    expect(touchFor('', '?utm_source=ig&utm_medium=cpc')).toEqual({ touchpoint: 'instagram-ad', channel: 'paid', source: 'ig' })
  })
})

const touch = (touchpoint: string, channel: string): TouchSummary => ({ touchpoint, channel, timestamp: '2026-01-01T00:00:00.000Z' })

describe('rememberTouch', () => {
  it('keeps the first touch forever and moves the last touch', () => {
    const record: VisitorRecord = {}
    rememberTouch(record, touch('facebook-ad', 'paid'))
    rememberTouch(record, touch('google-search', 'search'))
    expect(record).toEqual({ f: touch('facebook-ad', 'paid'), l: touch('google-search', 'search') })
  })

  it('does not let a direct or internal visit overwrite the last campaign touch', () => {
    const record: VisitorRecord = {}
    rememberTouch(record, touch('facebook-ad', 'paid'))
    rememberTouch(record, touch('direct', 'direct'))
    rememberTouch(record, touch('website', 'internal'))
    expect(record.l?.touchpoint).toBe('facebook-ad')
  })

  it('records a direct visit as first and last touch while there is nothing else', () => {
    const record: VisitorRecord = {}
    rememberTouch(record, touch('direct', 'direct'))
    expect(record).toEqual({ f: touch('direct', 'direct'), l: touch('direct', 'direct') })
    rememberTouch(record, touch('website', 'internal'))
    expect(record.l?.touchpoint).toBe('website')
    rememberTouch(record, touch('newsletter-email', 'email'))
    expect(record.l?.touchpoint).toBe('newsletter-email')
  })
})
