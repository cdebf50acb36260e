/**
 * Runs the reference collector on its own:
 *
 *   npx tsx examples/collector/main.ts --port 8787 --write-key wk_demo --db events.db
 *
 * Options: `--port` (default 8787), `--write-key` (repeatable; default `wk_demo`), `--db`
 * (default `touchpoint-events.db`; `:memory:` for none), `--max-body-bytes` (default 524288).
 * Stops on Ctrl-C.
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { createCollector } from './create-collector'

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string', default: '8787' },
      'write-key': { type: 'string', multiple: true, default: ['wk_demo'] },
      db: { type: 'string', default: 'touchpoint-events.db' },
      'max-body-bytes': { type: 'string' },
    },
  })
  const collector = await createCollector({
    port: Number(values.port),
    writeKeys: values['write-key'] as string[],
    dbPath: values.db === ':memory:' ? ':memory:' : resolve(values.db as string),
    ...(values['max-body-bytes'] ? { maxBodyBytes: Number(values['max-body-bytes']) } : {}),
  })
  process.stdout.write(
    `Touchpoint collector on ${collector.url}\n  POST ${collector.url}/v1/batch   (writeKey: ${(values['write-key'] as string[]).join(', ')})\n  GET  ${collector.url}/report · /health · /v1/events.ndjson\n`,
  )
  await new Promise<void>((done) => {
    process.once('SIGINT', done)
    process.once('SIGTERM', done)
  })
  await collector.close()
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`collector failed: ${(error as Error).message}\n`)
    process.exitCode = 1
  })
}
