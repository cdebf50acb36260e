/**
 * Campaign parameters from a landing URL: `utm_*` and the ad platforms' click ids.
 */
import type { Campaign } from '@touchpoint/core'

/** `utm_*` parameter → `Campaign` field (Segment's naming: `utm_campaign` is `name`). */
const utmFields: Readonly<Record<string, string>> = {
  utm_source: 'source',
  utm_medium: 'medium',
  utm_campaign: 'name',
  utm_term: 'term',
  utm_content: 'content',
  utm_id: 'id',
}

/** Channel a click id alone says the visit came through. */
export type ClickIdChannel = 'paid' | 'social' | 'email'

/**
 * Known click ids: parameter (lowercase) → `[platform, channel]`. Matched case-insensitively
 * (Snapchat sends `ScCid`) and stored under the lowercase name.
 *
 * | parameter | platform | channel | why |
 * |---|---|---|---|
 * | `gclid`, `gbraid`, `wbraid`, `dclid` | google | paid | Google Ads (web, iOS app-to-web), Campaign Manager / DV360 |
 * | `msclkid` | bing | paid | Microsoft Advertising |
 * | `fbclid` | facebook | social | Meta adds it to *every* outbound link, organic posts included, so alone it is not proof of an ad |
 * | `ttclid` | tiktok | paid | TikTok Ads |
 * | `li_fat_id` | linkedin | paid | LinkedIn Ads |
 * | `twclid` | x | paid | X (Twitter) Ads |
 * | `epik` | pinterest | paid | Pinterest Ads |
 * | `rdt_cid` | reddit | paid | Reddit Ads |
 * | `sccid` | snapchat | paid | Snapchat Ads |
 * | `irclickid` | impact | paid | Impact affiliate network |
 * | `yclid` | yandex | paid | Yandex Direct |
 * | `mc_cid` | mailchimp | email | Mailchimp campaign emails |
 *
 * `igshid` is not a click id: Instagram adds it to shared links, it says nothing about an ad.
 */
export const clickIds: Readonly<Record<string, readonly [platform: string, channel: ClickIdChannel]>> = {
  gclid: ['google', 'paid'],
  gbraid: ['google', 'paid'],
  wbraid: ['google', 'paid'],
  dclid: ['google', 'paid'],
  msclkid: ['bing', 'paid'],
  fbclid: ['facebook', 'social'],
  ttclid: ['tiktok', 'paid'],
  li_fat_id: ['linkedin', 'paid'],
  twclid: ['x', 'paid'],
  epik: ['pinterest', 'paid'],
  rdt_cid: ['reddit', 'paid'],
  sccid: ['snapchat', 'paid'],
  irclickid: ['impact', 'paid'],
  yclid: ['yandex', 'paid'],
  mc_cid: ['mailchimp', 'email'],
}

/** Own-property lookup: a parameter named `constructor` must not find `Object.prototype`'s. */
const own = (table: object, key: string): boolean => Object.prototype.hasOwnProperty.call(table, key)

/** Longest campaign value kept: ids and names are short, anything longer is junk or abuse. */
const maxValueLength = 200

/**
 * Reads the campaign from a query string (`?utm_source=…&gclid=…`, with or without the `?`).
 * The first occurrence of a parameter wins; empty values are ignored.
 * @returns the campaign, or `undefined` when the URL carries no campaign parameter
 */
export function parseCampaign(search: string): Campaign | undefined {
  let campaign: Campaign | undefined
  let params: URLSearchParams
  try {
    params = new URLSearchParams(search)
  } catch {
    return undefined
  }
  params.forEach((raw, name) => {
    const key = name.toLowerCase()
    const field = own(utmFields, key) ? utmFields[key] : own(clickIds, key) ? key : undefined
    const value = raw.trim().slice(0, maxValueLength)
    if (field && value && !campaign?.[field]) (campaign ??= {})[field] = value
  })
  return campaign
}

/** The first known click id the campaign carries, with its platform and channel. */
export function findClickId(campaign: Campaign | undefined): { id: string; platform: string; channel: ClickIdChannel } | undefined {
  if (!campaign) return undefined
  for (const id in clickIds) {
    if (campaign[id]) {
      const [platform, channel] = clickIds[id]!
      return { id, platform, channel }
    }
  }
  return undefined
}
