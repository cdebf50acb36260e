// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { clickIdPlatform, clickIds, parseCampaign } from '../../../packages/browser/src/context/campaign'

describe('parseCampaign', () => {
  it('maps utm_* parameters to campaign fields', () => {
    expect(parseCampaign('?utm_source=facebook&utm_medium=cpc&utm_campaign=spring&utm_term=shoes&utm_content=blue&utm_id=42')).toEqual({
      source: 'facebook',
      medium: 'cpc',
      name: 'spring',
      term: 'shoes',
      content: 'blue',
      id: '42',
    })
  })

  it('reads every documented click id, keyed by its lowercase name', () => {
    for (const id of Object.keys(clickIds)) expect(parseCampaign(`?${id}=abc`)).toEqual({ [id]: 'abc' })
  })

  it('matches click ids and utm names case-insensitively (Snapchat sends ScCid)', () => {
    expect(parseCampaign('ScCid=snap1&UTM_SOURCE=Snap')).toEqual({ sccid: 'snap1', source: 'Snap' })
  })

  it('keeps the campaign next to the click id', () => {
    expect(parseCampaign('?utm_source=facebook&utm_medium=cpc&fbclid=IwAR0abc')).toEqual({ source: 'facebook', medium: 'cpc', fbclid: 'IwAR0abc' })
  })

  it('returns undefined when the URL carries no campaign parameter', () => {
    expect(parseCampaign('?page=2&q=shoes')).toBeUndefined()
    expect(parseCampaign('')).toBeUndefined()
  })

  it('ignores empty values and keeps the first of repeated parameters', () => {
    expect(parseCampaign('?utm_source=&utm_medium=email&utm_medium=cpc')).toEqual({ medium: 'email' })
  })

  it('decodes percent-encoding and plus signs', () => {
    expect(parseCampaign('?utm_campaign=Spring%20Sale+2026')).toEqual({ name: 'Spring Sale 2026' })
  })

  it('does not treat igshid or prototype names as click ids', () => {
    expect(parseCampaign('?igshid=abc&constructor=x&__proto__=y')).toBeUndefined()
  })

  it('caps absurdly long values at 200 characters', () => {
    expect(parseCampaign(`?utm_source=${'a'.repeat(500)}`)?.source).toHaveLength(200)
  })
})

describe('clickIdPlatform', () => {
  it('names the platform of the first click id', () => {
    expect(clickIdPlatform({ gclid: 'x' })).toBe('google')
    expect(clickIdPlatform({ fbclid: 'x' })).toBe('facebook')
    expect(clickIdPlatform({ source: 'x' })).toBeUndefined()
    expect(clickIdPlatform(undefined)).toBeUndefined()
  })

  it('knows every documented click id', () => {
    expect(Object.keys(clickIds)).toEqual(['gclid', 'gbraid', 'wbraid', 'dclid', 'msclkid', 'fbclid', 'ttclid', 'li_fat_id', 'twclid', 'epik', 'rdt_cid', 'sccid', 'irclickid', 'yclid', 'mc_cid'])
  })
})
