import { configDefaults, defineConfig } from 'vitest/config';

// Database tests run on PGlite always, and on PostgreSQL too when TEST_DATABASE_URL is set.
const engines = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export default defineConfig({
  test: {
    globalSetup: ['./test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      ...engines.map((engine) => ({
        extends: true as const,
        test: {
          name: engine,
          include: [
            'apps/*/src/**/*.test.ts',
            'apps/*/test/**/*.test.ts',
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, 'apps/server/test/workload/**'],
          env: { TEST_DB_KIND: engine },
        },
      })),
      // Minutes of real faults with real processes: run once, on PostgreSQL when there is one.
      {
        extends: true,
        test: {
          name: 'workload',
          include: ['apps/server/test/workload/**/*.test.ts'],
          env: { TEST_DB_KIND: engines.at(-1) as string },
        },
      },
      // Benchmark infrastructure (the WAN emulator) uses no database: run it once, not per engine.
      { extends: true, test: { name: 'bench', include: ['bench/**/*.test.ts'] } },
    ],
  },
});
