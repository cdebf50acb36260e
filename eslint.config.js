import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// The core must run anywhere: platform globals and Node built-ins belong to the adapters,
// which inject Storage and Transport. These rules keep src/ honest.
const platformGlobals = ['window', 'document', 'navigator', 'indexedDB', 'localStorage', 'sessionStorage', 'process', 'location', 'Buffer'].map(
  (name) => ({ name, message: `@touchpoint/core must not touch the platform global "${name}"; inject it from an adapter.` }),
)

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'examples/**/out/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-eval': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...platformGlobals],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'http', 'https', 'zlib', 'crypto', 'child_process', 'net', 'stream', 'url', 'util', 'worker_threads', 'events', 'buffer'], message: 'Node built-ins belong to @touchpoint/node, not the core.' }] },
      ],
    },
  },
  {
    files: ['packages/browser/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'zod', message: "Browser code imports * as z from 'zod/mini' to keep tree-shaking." }], patterns: [{ group: ['node:*'], message: 'Browser code cannot use Node built-ins.' }] }],
    },
  },
)
