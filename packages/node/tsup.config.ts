import { defineConfig } from 'tsup'

// @touchpoint/node: ESM + CJS + .d.ts for Node 20+.
// The core is bundled in (`noExternal`), types included, so the published package installs and
// type-checks on its own: no second package to keep in step, and no `file:` dependency to
// resolve. Only the parts of the core the tracker uses end up in the bundle (tree-shaken).
// `tsconfig` points at the root config, whose `paths` map `@touchpoint/core` to its sources.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: { resolve: ['@touchpoint/core'], compilerOptions: { baseUrl: '../..', paths: { '@touchpoint/core': ['./src/index.ts'] } } },
  tsconfig: '../../tsconfig.json',
  noExternal: ['@touchpoint/core'],
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
  treeshake: true,
})
