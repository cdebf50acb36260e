/**
 * The automatic landing touchpoint: the "how did they arrive" touch that starts a session,
 * named with the catalog's ids so the journey places it on a stage without configuration.
 *
 * | arrival | touchpoint id |
 * |---|---|
 * | paid, source facebook / instagram / tiktok / linkedin (or `fb`, `ig`) | `facebook-ad`, `instagram-ad`, `tiktok-ad`, `linkedin-ad` |
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
 */
import type { Campaign } from '@touchpoint/core'
import { searchReferrers, type Arrival, type Channel } from './channel'

/** Networks the catalog has an `<network>-ad` touchpoint for. */
const adNetworks = ['facebook', 'instagram', 'tiktok', 'linkedin']
/** Common short `utm_source` values. */
const sourceAliases: Readonly<Record<string, string>> = { fb: 'facebook', ig: 'instagram', meta: 'facebook' }

/** The landing touch: a touchpoint id, the channel, and the platform when known. */
export interface LandingTouch {
  touchpoint: string
  channel: Channel
  source?: string
}

/** Maps a classified arrival (and the campaign, for `utm_medium`) to a catalog touchpoint id. */
export function landingTouchpoint(arrival: Arrival, campaign?: Campaign): LandingTouch {
  const source = arrival.source && (sourceAliases[arrival.source] ?? arrival.source)
  const touch = (touchpoint: string): LandingTouch => (source ? { touchpoint, channel: arrival.channel, source } : { touchpoint, channel: arrival.channel })
  const medium = campaign?.medium?.toLowerCase() ?? ''
  switch (arrival.channel) {
    case 'paid': {
      const network = source && adNetworks.find((name) => source === name || source.startsWith(`${name}-`))
      if (network) return touch(`${network}-ad`)
      if (/display|cpm|banner/.test(medium)) return touch('display-ad')
      if (/cpv|video/.test(medium) || source === 'youtube') return touch('video-ad')
      const engine = source?.split('-')[0]
      return touch(engine && searchReferrers.split(' ').some((entry) => entry.split(/[=.]/)[0] === engine) ? 'search-ad' : 'display-ad')
    }
    case 'search':
      return touch(source === 'google' ? 'google-search' : 'organic-search')
    case 'social':
      return touch('social-post')
    case 'email':
      return touch('newsletter-email')
    case 'referral':
      return touch(medium === 'referral' ? 'referral' : 'referring-site')
    case 'internal':
      return touch('website')
    default:
      return touch('direct')
  }
}
