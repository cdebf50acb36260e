#!/usr/bin/env node
// `touchpoint-report events.ndjson -o report.html`: runs the TypeScript CLI through tsx.
/* global process */
import { register } from 'tsx/esm/api'

register()
const { runReportCli } = await import('./cli.ts')
process.exitCode = await runReportCli(process.argv.slice(2))
