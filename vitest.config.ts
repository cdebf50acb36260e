import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  resolve: {
    // Tests run against the sources, not the build, so a failing test points at a line of src/.
    alias: [
      { find: /^@touchpoint\/core$/, replacement: here('./src/index.ts') },
      { find: /^@touchpoint\/core\/schemas$/, replacement: here('./src/schemas.ts') },
      { find: /^@touchpoint\/browser$/, replacement: here('./packages/browser/src/index.ts') },
      { find: /^@touchpoint\/node$/, replacement: here('./packages/node/src/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/helpers/fast-check-seed.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
