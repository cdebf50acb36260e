import { defineConfig } from 'tsup'

// @touchpoint/core: ESM + CJS + .d.ts. Nothing runs at import time, so the
// bundle is marked side-effect free and tree-shakes per export.
export default defineConfig({
  entry: { index: 'src/index.ts', schemas: 'src/schemas.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2020',
  treeshake: true,
})
