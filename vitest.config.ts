import { configDefaults, defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/slow-first-sequencer.ts';

// Database tests run on PGlite, or on PostgreSQL when TEST_DATABASE_URL is set: one engine a run.
// CI runs both (.ci/run: PostgreSQL on Node 20, then PGlite on the current LTS); running every
// database test on both in one run took a quarter of the suite's time.
const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

const allTests = [
  'apps/*/src/**/*.test.ts',
  'apps/*/test/**/*.test.ts',
  'packages/*/src/**/*.test.ts',
  'packages/*/test/**/*.test.ts',
];
const workload = 'apps/server/test/workload/**/*.test.ts';

export default defineConfig({
  test: {
    globalSetup: ['./test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a two-core CI machine, so files
    // ran one after another (19.6 min of files took 22.9 min). Most of a file's time here is spent
    // waiting on agents, servers and timers, so two files at once fit on two cores.
    maxWorkers: 2,
    sequence: { sequencer: SlowFirstSequencer },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: engine,
          include: allTests,
          exclude: [...configDefaults.exclude, workload],
          env: { TEST_DB_KIND: engine },
        },
      },
      // Minutes of real faults with real processes: its own project, so it can be run alone.
      { extends: true, test: { name: 'workload', include: [workload], env: { TEST_DB_KIND: engine } } },
      // Benchmark infrastructure (the WAN emulator) uses no database.
      { extends: true, test: { name: 'bench', include: ['bench/**/*.test.ts'] } },
    ],
  },
});
