import { configDefaults, defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/slow-first-sequencer.ts';

// Database tests run on PGlite always, and on PostgreSQL too when TEST_DATABASE_URL is set.
const engines = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
const lastEngine = engines.at(-1) as string;

const allTests = [
  'apps/*/src/**/*.test.ts',
  'apps/*/test/**/*.test.ts',
  'packages/*/src/**/*.test.ts',
  'packages/*/test/**/*.test.ts',
];
// Run once, not once per engine: the agent, the dashboard and the contracts use no database, and
// the tests whose subject is real agent processes check what does not depend on the engine (the SQL
// under them is covered per engine by the other tests) while taking most of the suite's time.
const oncePerRun = [
  'apps/agent/**/*.test.ts',
  'apps/dashboard/**/*.test.ts',
  'packages/contracts/**/*.test.ts',
  'apps/server/test/*-agents.test.ts',
  'apps/server/test/agent-clock.test.ts',
  'apps/server/test/agent-process.test.ts',
  // A real server process killed mid-delivery: its subject is the restart, not the engine's SQL.
  'apps/server/test/notifications/delivery-kill.test.ts',
  // Local S3 and Azure servers with the SDKs and plain fetch: no database in it.
  'apps/server/test/cloud-upload-spike.test.ts',
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
      ...engines.map((engine) => ({
        extends: true as const,
        test: {
          name: engine,
          include: allTests,
          exclude: [...configDefaults.exclude, ...oncePerRun, workload],
          env: { TEST_DB_KIND: engine },
        },
      })),
      // On PostgreSQL when there is one.
      { extends: true, test: { name: 'once', include: oncePerRun, env: { TEST_DB_KIND: lastEngine } } },
      // Minutes of real faults with real processes: its own project, so it can be run alone.
      { extends: true, test: { name: 'workload', include: [workload], env: { TEST_DB_KIND: lastEngine } } },
      // Benchmark infrastructure (the WAN emulator) uses no database.
      { extends: true, test: { name: 'bench', include: ['bench/**/*.test.ts'] } },
    ],
  },
});
