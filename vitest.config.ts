import { defineConfig } from 'vitest/config'

// Every test file runs in its own forked process: libchdb binds one data
// directory per process, so threads would share one engine.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'test/*.test.ts',
            'schemas/**/*.test.ts',
            'core/**/*.test.ts',
            'demo/**/*.test.ts',
            'portal-sites/**/*.test.{ts,tsx}',
            'chart-style/**/*.test.ts',
            'ingest/**/*.test.ts',
            'journey-ui/**/*.test.{ts,tsx}',
            'admin-ui/**/*.test.{ts,tsx}',
            'bench/**/*.test.ts',
          ],
        },
      },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 90_000 } },
    ],
  },
})
