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
import { clickIdChannel, clickIdPlatform } from './campaign'

/** The channels a visit is classified into. */
export type Channel = 'search' | 'social' | 'email' | 'paid' | 'referral' | 'direct' | 'internal'

/** A classified arrival. */
export interface Arrival {
  channel: Channel
  /** Platform slug (`google`, `facebook`, `x`, `gmail`…) or the slugged `utm_source`, when known. */
  source?: string
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

/** Whether `host` is `domain` or one of its subdomains. */
const isUnder = (host: string, domain: string): boolean => host === domain || host.endsWith(`.${domain}`)

/** Looks a host up in one table; returns the platform slug. */
export function matchHost(host: string, table: string): string | undefined {
  for (const entry of table.split(' ')) {
    const [name, slug] = entry.split('=') as [string, string?]
    if (name.includes('.') ? isUnder(host, name) : new RegExp(`(^|\\.)${name}(\\.[a-z]{2,3}){1,2}$`).test(host)) return slug ?? name.split('.')[0]
  }
}

/** Whether a `utm_source` value names a platform of the table (`bing`, `x`, `so`…). */
export const inTable = (source: string, table: string): boolean => table.split(/[ =]/).some((name) => name.split('.')[0] === source)

/** Classifies `utm_medium`; `undefined` when the medium says nothing the table knows. */
export function classifyMedium(medium: string | undefined): Channel | undefined {
  const m = medium?.toLowerCase().trim()
  return !m
    ? undefined
    : /^(cpc|ppc|cpm|cpv|cpa|cpp|display|banner|retargeting|remarketing|affiliates?|paid.*)$|(^|[-_ ])ads?$/.test(m)
      ? 'paid'
      : /^(e[-_]?mail|newsletter)/.test(m)
        ? 'email'
        : /^(social|sm$)/.test(m)
          ? 'social'
          : m === 'organic'
            ? 'search'
            : m === 'referral'
              ? 'referral'
              : undefined
}

/**
 * Classifies a visit. Pure: everything comes in as arguments.
 * @param referrer `document.referrer` (empty or undefined when there is none)
 * @param url the page URL, to tell internal navigation from a referral
 * @param internalDomains extra domains counted as this site (`example.com` covers `shop.example.com`)
 */
export function classifyArrival(referrer: string | undefined, url: string | undefined, campaign?: Campaign, internalDomains: readonly string[] = []): Arrival {
  // Lowercase kebab-case slug of the free-text source (`Google Ads` → `google-ads`).
  const source = campaign?.source?.toLowerCase().trim().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || undefined
  const platform = clickIdPlatform(campaign)
  const host = hostOf(referrer)
  const arrival = (channel: Channel, from = source): Arrival => (from ? { channel, source: from } : { channel })
  const medium = classifyMedium(campaign?.medium)
  if (medium) return arrival(medium, source ?? platform ?? (host && (matchHost(host, searchReferrers) ?? matchHost(host, socialReferrers))))
  if (platform) return arrival(clickIdChannel(platform), source ?? platform)
  if (source) {
    if (/^(e-?mail|newsletter)/.test(source)) return arrival('email')
    if (inTable(source, socialReferrers)) return arrival('social')
    if (inTable(source, searchReferrers)) return arrival('search')
  }
  if (!host) return arrival(campaign ? 'referral' : 'direct')
  if (host === hostOf(url) || internalDomains.some((domain) => isUnder(host, domain.replace(/^\./, '').toLowerCase()))) return arrival(campaign ? 'referral' : 'internal')
  for (const [channel, table] of [['email', emailReferrers], ['search', searchReferrers], ['social', socialReferrers]] as const) {
    const found = matchHost(host, table)
    if (found) return arrival(channel, source ?? found)
  }
  return arrival('referral', source ?? host)
}
