/**
 * `touchpoint-report events.ndjson -o report.html`: the journey report from exported events.
 *
 * Options: `-o, --out` (default `report.html`), `--journey purchaseFunnel|digitalJourney|lifecycle`,
 * `--model firstTouch|lastTouch|linear|timeDecay|positionBased`, `--costs costs.json` (touchpoint id →
 * cost), `--title`. The input `-` reads standard input.
 */
import { createReadStream } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { presets, type AttributionModel } from '@touchpoint/core'
import { buildReportHtml, type ReportOptions } from './build-report'
import { readNdjson } from './read-ndjson'

const USAGE = `usage: touchpoint-report <events.ndjson | -> [-o report.html] [--journey purchaseFunnel|digitalJourney|lifecycle]
                         [--model positionBased|firstTouch|lastTouch|linear|timeDecay] [--costs costs.json] [--title "…"]`

/** Where the CLI writes its messages. */
export interface CliOutput {
  readonly out: { write(text: string): unknown }
  readonly err: { write(text: string): unknown }
}

/** Runs the CLI with `args` (without node and the script); resolves with the exit code. */
export async function runReportCli(args: readonly string[], io: CliOutput = { out: process.stdout, err: process.stderr }): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o', default: 'report.html' },
        journey: { type: 'string', default: 'purchaseFunnel' },
        model: { type: 'string' },
        costs: { type: 'string' },
        title: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    io.err.write(`${(error as Error).message}\n${USAGE}\n`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help || positionals.length !== 1) {
    io.err.write(`${USAGE}\n`)
    return values.help ? 0 : 2
  }
  const journey = presets[values.journey as keyof typeof presets]
  if (journey === undefined) {
    io.err.write(`--journey: must be one of ${Object.keys(presets).join(', ')}\n`)
    return 2
  }
  const input = positionals[0] === '-' ? process.stdin : createReadStream(resolve(positionals[0] as string))
  const { events, skipped } = await readNdjson(input)
  for (const line of skipped.slice(0, 10)) io.err.write(`skipped ${line}\n`)
  const options: ReportOptions = {
    journey,
    ...(values.model ? { attribution: values.model as AttributionModel } : {}),
    ...(values.costs ? { costs: JSON.parse(await readFile(resolve(values.costs), 'utf8')) as Record<string, number> } : {}),
    ...(values.title ? { title: values.title } : {}),
  }
  const out = resolve(values.out as string)
  await writeFile(out, buildReportHtml(events, options))
  io.out.write(`${events.length} events → ${out}\n`)
  return 0
}

// Entry point only when run directly (tsx examples/report/cli.ts …), never on import.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runReportCli(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`touchpoint-report: ${(error as Error).message}\n`)
      process.exitCode = 1
    },
  )
}
