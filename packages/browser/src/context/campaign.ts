/**
 * Campaign parameters from a landing URL: `utm_*` and the ad platforms' click ids.
 */
import type { Campaign } from '@touchpoint/core'

/**
 * Known click ids: parameter (lowercase) → platform. Matched case-insensitively (Snapchat sends
 * `ScCid`) and stored under the lowercase name. A click id alone says the visit is paid, except
 * `fbclid` (social) and `mc_cid` (email) (see `classifyArrival`).
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
 * No prototype, so a parameter named `constructor` finds nothing.
 */
export const clickIds: Readonly<Record<string, string>> = {
  __proto__: null,
  gclid: 'google',
  gbraid: 'google',
  wbraid: 'google',
  dclid: 'google',
  msclkid: 'bing',
  fbclid: 'facebook',
  ttclid: 'tiktok',
  li_fat_id: 'linkedin',
  twclid: 'x',
  epik: 'pinterest',
  rdt_cid: 'reddit',
  sccid: 'snapchat',
  irclickid: 'impact',
  yclid: 'yandex',
  mc_cid: 'mailchimp',
} as unknown as Record<string, string>

/**
 * Reads the campaign from a query string (`?utm_source=…&gclid=…`, with or without the `?`).
 * `utm_source` → `source`, `utm_medium` → `medium`, `utm_campaign` → `name` (Segment's naming),
 * `utm_term`, `utm_content`, `utm_id`. Names are case-insensitive, the first occurrence of a
 * parameter wins, empty values are ignored and values are capped at 200 characters (ids and
 * names are short, anything longer is junk or abuse).
 * @returns the campaign, or `undefined` when the URL carries no campaign parameter
 */
export function parseCampaign(search: string): Campaign | undefined {
  let campaign: Campaign | undefined
  try {
    new URLSearchParams(search).forEach((raw, name) => {
      const key = name.toLowerCase()
      const utm = /^utm_(source|medium|campaign|term|content|id)$/.exec(key)?.[1]
      const field = utm === 'campaign' ? 'name' : (utm ?? (clickIds[key] && key))
      const value = raw.trim().slice(0, 200)
      if (field && value && !campaign?.[field]) (campaign ??= {})[field] = value
    })
  } catch {}
  return campaign
}

/** The platform of the first known click id the campaign carries. */
export function clickIdPlatform(campaign: Campaign | undefined): string | undefined {
  for (const id in clickIds) if (campaign?.[id]) return clickIds[id]
}
