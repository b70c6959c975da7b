import { defineConfig } from 'vitest/config';

// One vitest run over the whole workspace. Workspace packages resolve to their TypeScript
// sources through the `@gradkit/source` export condition, so tests need no build step.
const conditions = ['@gradkit/source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['{packages,apps,tests}/**/test/**/*.test.ts', 'packages/course/lessons/*/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
