import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
const r = await build({ stdin: { contents: "export { createQueue } from './src/engine/queue'", resolveDir: process.cwd(), loader: 'ts' }, bundle: true, minify: true, format: 'esm', write: false, target: 'es2020', logLevel: 'error' })
const c = r.outputFiles[0].contents
console.log('engine createQueue:', c.length, 'min', gzipSync(c, { level: 9 }).length, 'gz')
