/**
 * How a visitor arrived: referrer + campaign → channel, and the platform behind it.
 *
 * Order of precedence (first match wins):
 * 1. `utm_medium` (see {@link classifyMedium}): `cpc`, `ppc`, `cpm`, `display`, `paid*`… → paid,
 *    `email` / `newsletter` → email, `social*` → social, `organic` → search, `referral` → referral.
 * 2. A click id (`gclid` … → paid, `fbclid` → social, `mc_cid` → email; see `clickIds`).
 * 3. `utm_source` naming a known search engine, social network or email (`newsletter`).
 * 4. The referrer: none → direct (or referral when the URL carries a campaign); the page's own
 *    host or an `internalDomains` suffix → internal; webmail → email; a search engine → search;
 *    a social network → social; any other site → referral.
 */
import type { Campaign } from '@touchpoint/core'
import { findClickId } from './campaign'

/** The channels a visit is classified into. */
export type Channel = 'search' | 'social' | 'email' | 'paid' | 'referral' | 'direct' | 'internal'

/** A classified arrival. */
export interface Arrival {
  channel: Channel
  /** Platform slug (`google`, `facebook`, `x`, `gmail`…) or the slugged `utm_source`, when known. */
  source?: string
}

/** What {@link classifyArrival} looks at. */
export interface ArrivalInput {
  /** `document.referrer` (empty string or undefined when there is none). */
  referrer?: string
  /** The page URL, to tell internal navigation from a referral. */
  url?: string
  campaign?: Campaign
  /**
   * Extra domains counted as this site, e.g. `['example.com']` covers `shop.example.com`.
   * @default []
   */
  internalDomains?: readonly string[]
}

/*
 * Referrer tables. An entry with a dot is a domain (matches itself and its subdomains); an entry
 * without a dot is a brand matched under any country TLD (`google` matches `google.com.vn`,
 * `www.google.de`, but not `google.example.com`). `=slug` names the platform when it differs.
 */
/** Webmail hosts: checked before search, since `mail.google.com` is not a search. */
export const emailReferrers =
  'mail.google.com=gmail mail.yahoo.com=yahoo-mail outlook.live.com=outlook outlook.office.com=outlook outlook.office365.com=outlook mail.proton.me=proton mail.aol.com=aol-mail mail.zoho.com=zoho-mail e.mail.ru=mail-ru'
/** Search engines. */
export const searchReferrers =
  'google bing yahoo duckduckgo baidu yandex ecosia naver seznam qwant startpage sogou so.com=360 coccoc search.brave.com=brave ask aol daum'
/** Social networks, messengers and link shorteners they use. */
export const socialReferrers =
  'facebook fb.com=facebook fb.me=facebook messenger instagram threads.net=threads twitter=x x.com=x t.co=x linkedin lnkd.in=linkedin pinterest reddit tiktok youtube youtu.be=youtube snapchat tumblr quora vk.com=vk weibo zalo.me=zalo whatsapp wa.me=whatsapp telegram t.me=telegram discord line.me=line mastodon.social=mastodon bsky.app=bluesky news.ycombinator.com=hackernews'

/** The host of a URL, lowercase, without `www.`; `undefined` when there is none. */
export function hostOf(url: string | undefined): string | undefined {
  const match = url && /^[a-z][\w+.-]*:\/\/(?:[^/?#@]*@)?([^/?#:]+)/i.exec(url)
  return match ? match[1]!.toLowerCase().replace(/^www\./, '') : undefined
}

/** Looks a host up in one table; returns the platform slug. */
export function matchHost(host: string, table: string): string | undefined {
  for (const entry of table.split(' ')) {
    const [name, slug] = entry.split('=') as [string, string?]
    const hit = name.includes('.')
      ? host === name || host.endsWith(`.${name}`)
      : new RegExp(`(^|\\.)${name}(\\.[a-z]{2,3}){1,2}$`).test(host)
    if (hit) return slug ?? name.split('.')[0]
  }
  return undefined
}

/** Looks a `utm_source` value up among the tables' platform names. */
function matchSource(source: string, table: string): boolean {
  return table.split(' ').some((entry) => entry.split('=').some((name) => name === source || name.split('.')[0] === source))
}

/** Classifies `utm_medium`; `undefined` when the medium says nothing the table knows. */
export function classifyMedium(medium: string | undefined): Channel | undefined {
  const m = medium?.toLowerCase().trim()
  if (!m) return undefined
  if (/^(cpc|ppc|cpm|cpv|cpa|cpp|display|banner|retargeting|remarketing|affiliates?|paid.*)$|(^|[-_ ])ads?$/.test(m)) return 'paid'
  if (/^(e[-_]?mail|newsletter)/.test(m)) return 'email'
  if (/^(social|sm$)/.test(m)) return 'social'
  if (m === 'organic') return 'search'
  if (m === 'referral') return 'referral'
  return undefined
}

/** Lowercase kebab-case slug of a free-text source (`Google Ads` → `google-ads`). */
export function slugify(text: string): string {
  return text.toLowerCase().trim().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40)
}

/** Whether `host` is the page's own site. */
function isInternal(host: string, pageHost: string | undefined, domains: readonly string[]): boolean {
  return host === pageHost || domains.some((domain) => {
    const d = domain.replace(/^\./, '').toLowerCase()
    return host === d || host.endsWith(`.${d}`)
  })
}

/** Classifies a visit. Pure: everything comes in through `input`. */
export function classifyArrival({ referrer, url, campaign, internalDomains = [] }: ArrivalInput): Arrival {
  const source = campaign?.source ? slugify(campaign.source) : undefined
  const click = findClickId(campaign)
  const byMedium = classifyMedium(campaign?.medium)
  if (byMedium) return withSource(byMedium, source ?? click?.platform ?? referrerPlatform(referrer))
  if (click) return withSource(click.channel, source ?? click.platform)
  if (source) {
    if (/^(e-?mail|newsletter)/.test(source)) return { channel: 'email', source }
    if (matchSource(source, socialReferrers)) return { channel: 'social', source }
    if (matchSource(source, searchReferrers)) return { channel: 'search', source }
  }
  const host = hostOf(referrer)
  if (!host) return withSource(campaign ? 'referral' : 'direct', source)
  if (isInternal(host, hostOf(url), internalDomains)) return withSource(campaign ? 'referral' : 'internal', source)
  for (const [channel, table] of [['email', emailReferrers], ['search', searchReferrers], ['social', socialReferrers]] as const) {
    const platform = matchHost(host, table)
    if (platform) return { channel, source: source ?? platform }
  }
  return { channel: 'referral', source: source ?? host }
}

/** The platform a referrer names, when it is in a table. */
function referrerPlatform(referrer: string | undefined): string | undefined {
  const host = hostOf(referrer)
  return host ? (matchHost(host, searchReferrers) ?? matchHost(host, socialReferrers)) : undefined
}

function withSource(channel: Channel, source: string | undefined): Arrival {
  return source ? { channel, source } : { channel }
}
