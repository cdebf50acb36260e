/**
 * How a visitor arrived: referrer + campaign → channel, and the platform behind it.
 *
 * Order of precedence (first match wins):
 * 1. `utm_medium` (case-insensitive): `cpc`, `ppc`, `cpm`, `display`, `paid*`… → paid,
 *    `email` / `newsletter` → email, `social*` → social, `organic` → search, `referral` → referral.
 * 2. A click id (`gclid` … → paid, `fbclid` → social, `mc_cid` → email; see `clickIds`); its
 *    platform is the source unless `utm_source` names one.
 * 3. `utm_source` naming a known search engine, social network or email (`newsletter`).
 * 4. The referrer: none → direct (or referral when the URL carries a campaign); the page's own
 *    host or the `internalDomain` (`cookieDomain`) → internal; webmail → email; a search engine → search;
 *    a social network → social; any other site → referral.
 */
import type { Campaign } from '@touchpoint/core'
import { attempt } from '../attempt'
import { clickIdPlatform } from './campaign'

/** The channels a visit is classified into. */
export type Channel = 'search' | 'social' | 'email' | 'paid' | 'referral' | 'direct' | 'internal'

/** A classified arrival. */
export interface Arrival {
  channel: Channel
  /** Platform slug (`google`, `facebook`, `x`, `gmail`…) or the slugged `utm_source`, when known. */
  source?: string | undefined
  /** The landing touchpoint's catalog id (see `landing-touch.ts`). */
  touchpoint: string
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

/** The host of a URL, lowercase, without `www.`; `undefined` when there is none (empty, relative). */
export function hostOf(url: string | undefined): string | undefined {
  return attempt(() => new URL(url!).hostname.replace(/^www\./, '') || undefined)
}

/** Whether `host` is `domain` or one of its subdomains. */
const isUnder = (host: string, domain: string): boolean => host === domain || host.endsWith(`.${domain}`)

/** Finds a referrer host in the tables (webmail first: `mail.google.com` is not a search); returns its channel and platform slug. */
export function referrerOf(host: string): [Channel, string] | undefined {
  for (const [channel, table] of [['email', emailReferrers], ['search', searchReferrers], ['social', socialReferrers]] as const) {
    for (const entry of table.split(' ')) {
      const [name, slug] = entry.split('=') as [string, string?]
      if (name.includes('.') ? isUnder(host, name) : new RegExp(`(^|\\.)${name}(\\.[a-z]{2,3}){1,2}$`).test(host)) return [channel, slug ?? name.split('.')[0]!]
    }
  }
}

/** Whether a `utm_source` value names a platform of the table (`bing`, `x`, `so`…). */
export const inTable = (source: string, table: string): boolean => table.split(/[ =]/).some((name) => name.split('.')[0] === source)

/** A `utm_medium` or `utm_source` that says email (`email`, `e-mail`, `e_mail`, `newsletter…`). */
const email = /^(e[-_]?mail|newsletter)/

/** Common short `utm_source` values. No prototype: `utm_source=constructor` is a source, not a function. */
const aliases: Readonly<Record<string, string>> = { __proto__: null, fb: 'facebook', ig: 'instagram', meta: 'facebook' } as unknown as Record<string, string>

/**
 * Classifies a visit and names its landing touchpoint with the catalog's ids, so the journey
 * places it on a stage without configuration. Pure: everything comes in as arguments.
 *
 * | arrival | touchpoint id |
 * |---|---|
 * | paid, source facebook / instagram / tiktok / linkedin (or `fb`, `ig`, `meta`) | `facebook-ad`, `instagram-ad`, `tiktok-ad`, `linkedin-ad` |
 * | paid, medium `display` / `cpm` / `banner` | `display-ad` |
 * | paid, medium `cpv` / `*video*` or source youtube | `video-ad` |
 * | paid, source a search engine (`gclid`, `msclkid`, `yclid`, `utm_source=google`) | `search-ad` |
 * | paid, anything else | `display-ad` |
 * | search from Google | `google-search` |
 * | search from any other engine | `organic-search` |
 * | social (organic, including `fbclid` alone) | `social-post` |
 * | email | `newsletter-email` |
 * | referral with `utm_medium=referral` (a tagged refer-a-friend link) | `referral` |
 * | referral from an untagged link on another site | `referring-site` |
 * | direct | `direct` |
 * | internal (a new session started from the site's own page) | `website` |
 *
 * @param referrer `document.referrer` (empty or undefined when there is none)
 * @param url the page URL, to tell internal navigation from a referral
 * @param internalDomain a domain counted as this site besides the page's host (`.example.com` covers `shop.example.com`)
 */
export function classifyArrival(referrer: string | undefined, url: string | undefined, campaign?: Campaign, internalDomain?: string): Arrival {
  // Campaign values come trimmed from `parseCampaign`.
  const medium = campaign?.medium?.toLowerCase()
  // Lowercase kebab-case slug of the free-text source (`Google Ads` → `google-ads`).
  let source = campaign?.source?.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || undefined
  const platform = clickIdPlatform(campaign)
  const host = hostOf(referrer)
  const known = host ? referrerOf(host) : undefined
  let channel: Channel | undefined =
    // cp[cmvap]: cpc, cpm, cpv, cpa, cpp.
    /^(cp[cmvap]|ppc|display|banner|re(targeting|marketing)|affiliates?|paid.*)$|(^|[-_ ])ads?$/.test(medium!) ? 'paid'
    : email.test(medium!) ? 'email'
    : /^(social|sm$)/.test(medium!) ? 'social'
    : medium === 'organic' ? 'search'
    : medium === 'referral' ? 'referral'
    : undefined
  // Without a source, the tests below see the text `undefined`, which no pattern or table entry matches.
  if (channel) source ??= platform ?? known?.[1]
  else if (platform) {
    channel = platform === 'facebook' ? 'social' : platform === 'mailchimp' ? 'email' : 'paid'
    source ??= platform
  } else if (email.test(source!)) channel = 'email'
  else if (inTable(source!, socialReferrers)) channel = 'social'
  else if (inTable(source!, searchReferrers)) channel = 'search'
  // Tagged traffic is never direct nor internal.
  else if (!host) channel = campaign ? 'referral' : 'direct'
  else if (host === hostOf(url) || (internalDomain && isUnder(host, internalDomain.replace(/^\./, '').toLowerCase()))) channel = campaign ? 'referral' : 'internal'
  else {
    channel = known?.[0] ?? 'referral'
    source ??= known?.[1] ?? host
  }
  const from = aliases[source!] || source || ''
  const network = /^(facebook|instagram|tiktok|linkedin)(-|$)/.exec(from)?.[1]
  const touchpoint =
    channel === 'paid'
      ? network ? `${network}-ad`
        : /display|cpm|banner/.test(medium!) ? 'display-ad'
        : /cpv|video/.test(medium!) || from === 'youtube' ? 'video-ad'
        : inTable(from.split('-')[0]!, searchReferrers) ? 'search-ad'
        : 'display-ad'
      : channel === 'search' ? (from === 'google' ? 'google-search' : 'organic-search')
      : channel === 'social' ? 'social-post'
      : channel === 'email' ? 'newsletter-email'
      : channel === 'referral' ? (medium === 'referral' ? 'referral' : 'referring-site')
      : channel === 'internal' ? 'website'
      : 'direct'
  return { channel, source, touchpoint }
}
