import { defineConfig } from 'tsup'

// Three outputs:
// - the package (ESM + CJS + .d.ts), with @touchpoint/core bundled in so tree-shaking reaches
//   the engine and `createTracker` pulls in only what it uses;
// - the script-tag build `dist/touchpoint.iife.js`, minified, defining `window.touchpoint`;
// - the inline snippet `dist/snippet.min.js`, a minified copy of the hand-written src/snippet.js.
// `clean` is off: the three builds run in parallel and must not delete each other's files.
const shared = { target: 'es2020', tsconfig: '../../tsconfig.json', clean: false, treeshake: true } as const

export default defineConfig([
  {
    ...shared,
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    noExternal: ['@touchpoint/core'],
  },
  {
    ...shared,
    entry: { 'touchpoint.iife': 'src/iife.ts' },
    format: ['iife'],
    platform: 'browser',
    minify: true,
    noExternal: [/.*/],
    outExtension: () => ({ js: '.js' }),
  },
  {
    ...shared,
    entry: { 'snippet.min': 'src/snippet.js' },
    format: ['esm'],
    platform: 'browser',
    minify: true,
    outExtension: () => ({ js: '.js' }),
  },
])
