import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  resolve: {
    // Tests run against the sources, not the build, so a failing test points at a line of src/.
    alias: {
      '@touchpoint/core': here('./src/index.ts'),
      '@touchpoint/browser': here('./packages/browser/src/index.ts'),
      '@touchpoint/node': here('./packages/node/src/index.ts'),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
