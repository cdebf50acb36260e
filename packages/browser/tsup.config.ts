import { defineConfig } from 'tsup'

// Three outputs:
// - the package (ESM + CJS + .d.ts), with @touchpoint/core bundled in so tree-shaking reaches
//   the engine and `createTracker` pulls in only what it uses;
// - the script-tag build `dist/touchpoint.iife.js`, minified, defining `window.touchpoint`;
// - the inline snippet `dist/snippet.min.js`, a minified copy of the hand-written src/snippet.js.
// `clean` is off: the three builds run in parallel and must not delete each other's files.
// Every build runs two esbuild options:
// - `mangleProps`: internal names end in `_` (`store.get_`, `context.bind_`) and are shortened in
//   every build, the package's too, since size-limit and apps re-bundle dist/index.js and cannot
//   mangle it themselves. Only names that never reach the wire format, storage records, the public
//   API or a DOM API may end in `_` (`__proto__` ends in two and is left alone).
// - `minifySyntax`: the package stays readable (names, whitespace and comments kept), but its
//   syntax is already folded, and an app's minifier (size-limit's esbuild) folds it further:
//   createTracker -70 B gzip. Before terser in the IIFE: -113 B gzip. Full minification of the
//   package (identifiers, whitespace) gains nothing more.
type EsbuildOptions = { mangleProps?: RegExp; minifySyntax?: boolean; legalComments?: string }
const esbuildOptions = (options: EsbuildOptions) => void ((options.mangleProps = /[^_]_$/), (options.minifySyntax = true))
const shared = { target: 'es2020', tsconfig: '../../tsconfig.json', clean: false, treeshake: true, esbuildOptions } as const

// The minified builds: esbuild alone. tsup's `treeshake` re-bundles esbuild's output with Rollup,
// which esbuild's own tree-shaking makes redundant for a single-file bundle and which left the
// IIFE 0.5 KB larger (0.1 KB gzip). No legal comments are shipped (there are none today; this
// keeps a dependency's from slipping in). Measured and not used: target ES2022 (-16 B gzip, drops
// older Safari).
const minified = {
  minify: true,
  treeshake: false,
  platform: 'browser',
  esbuildOptions: (options: EsbuildOptions) => void (esbuildOptions(options), (options.legalComments = 'none')),
} as const

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
    ...minified,
    // Terser after esbuild's bundling: its output of the same code gzips ~0.75 KB smaller (14.61 →
    // 13.86 KB measured), mostly from better-compressing name choices and two compress passes (a
    // third gained 9 B before `minifySyntax`, nothing after it).
    // Only the script-tag build, the one a page loads as is; bundler users minify their own way.
    minify: 'terser',
    terserOptions: { ecma: 2020, compress: { passes: 2 }, format: { comments: false } },
    entry: { 'touchpoint.iife': 'src/iife.ts' },
    format: ['iife'],
    noExternal: [/.*/],
    outExtension: () => ({ js: '.js' }),
  },
  {
    ...shared,
    ...minified,
    entry: { 'snippet.min': 'src/snippet.js' },
    format: ['esm'],
    outExtension: () => ({ js: '.js' }),
  },
])
