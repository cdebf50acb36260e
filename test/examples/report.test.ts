import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { presets } from '@touchpoint/core'
import { buildReportHtml } from '../../examples/report/build-report'
import { runReportCli } from '../../examples/report/cli'
import { fixtureEvents } from './journey-fixture'

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

describe('the journey report', () => {
  let browser: Browser
  let dir: string
  let reportPath: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tp-report-'))
    reportPath = join(dir, 'report.html')
    writeFileSync(reportPath, buildReportHtml(fixtureEvents(300), { journey: presets.digitalJourney, costs: { 'facebook-ad': 900 } }))
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
  })

  afterAll(async () => {
    await browser?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function open() {
    const page = await browser.newPage()
    const problems: string[] = []
    const requests: string[] = []
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
    page.on('pageerror', (error) => problems.push(error.message))
    page.on('request', (request) => requests.push(request.url()))
    await page.goto(`file://${reportPath}`)
    return { page, problems, requests }
  }

  it('renders from disk with no console error and no network request', async () => {
    const { page, problems, requests } = await open()
    expect(await page.title()).toBe('Customer journey report')
    expect(problems).toEqual([])
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([])
    await page.close()
  })

  it('draws the funnel, attribution and touches-to-convert charts as SVG', async () => {
    const { page } = await open()
    expect(await page.locator('#funnel svg rect').count()).toBe(presets.digitalJourney.stages.length)
    expect(await page.locator('#attribution [data-model-panel="positionBased"] svg rect').count()).toBeGreaterThan(3)
    expect(await page.locator('#touches svg rect').count()).toBeGreaterThan(3)
    expect(await page.locator('#touchpoints tbody tr').count()).toBeGreaterThan(10)
    expect(await page.locator('#segments .segment').count()).toBe(5)
    await expect.poll(() => page.locator('#touchpoints').textContent()).toContain('facebook-ad')
    await page.close()
  })

  it('switches the attribution model with its buttons', async () => {
    const { page } = await open()
    const visible = () => page.locator('#attribution [data-model-panel]:visible').getAttribute('data-model-panel')
    expect(await page.locator('#attribution [data-model-panel]').count()).toBe(5)
    expect(await visible()).toBe('positionBased')
    await page.click('#attribution button[data-model="lastTouch"]')
    expect(await visible()).toBe('lastTouch')
    expect(await page.getAttribute('#attribution button[data-model="lastTouch"]', 'aria-pressed')).toBe('true')
    expect(await page.getAttribute('#attribution button[data-model="positionBased"]', 'aria-pressed')).toBe('false')
    await page.click('#attribution button[data-model="firstTouch"]')
    expect(await visible()).toBe('firstTouch')
    await page.close()
  })

  it('escapes event data instead of running it', () => {
    const events = fixtureEvents(5)
    const hostile = { ...events[0]!, messageId: '0195f5b0-0000-7000-8000-000000000001', properties: { touchpoint: '<img src=x onerror=alert(1)>' } } as (typeof events)[number]
    const html = buildReportHtml([...events, hostile])
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('is written by the CLI from an NDJSON export', async () => {
    const input = join(dir, 'events.ndjson')
    const out = join(dir, 'cli-report.html')
    const events = fixtureEvents(20)
    writeFileSync(input, `${events.map((e) => JSON.stringify(e)).join('\n')}\nnot json\n`)
    const written: string[] = []
    const sink = { write: (text: string) => written.push(text) }
    expect(await runReportCli([input, '-o', out, '--journey', 'lifecycle', '--title', 'Shop journeys'], { out: sink, err: sink })).toBe(0)
    const html = readFileSync(out, 'utf8')
    expect(html).toContain('<title>Shop journeys</title>')
    expect(html).toContain('Acquisition')
    expect(written.join('')).toContain(`skipped line ${events.length + 1}: not valid JSON`)
    expect(await runReportCli([input, '--journey', 'nope'], { out: sink, err: sink })).toBe(2)
  })
})
