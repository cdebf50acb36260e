import { build } from 'esbuild'
const r = await build({ stdin: { contents: "export { createQueue } from './src/engine/queue'", resolveDir: process.cwd(), loader: 'ts' }, bundle: true, minify: true, format: 'esm', write: false, target: 'es2020', logLevel: 'error' })
const t = r.outputFiles[0].text
const strs = t.match(/`[^`]*`|"[^"]*"/g)
console.log(strs.join('\n'), '\n', strs.reduce((n, s) => n + s.length, 0))
