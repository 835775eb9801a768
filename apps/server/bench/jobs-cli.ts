/** Flags of `npm run bench:jobs`. */
import { z } from 'zod';
import { Integer, parseFlags } from './cli.ts';

export const JOBS_USAGE = `Usage: npm run bench:jobs -- [--schedules N] [--files N] [--agents active|pending]

A. Scheduler: N job schedules all due in the same minute, fired by two control planes (two
   processes, each with its own pool and job scheduler) over one fresh PostgreSQL database:
   runs per (schedule, fire time), duplicates and misses (both must be 0), p99 lateness
   (goal <= 2 s), scheduler CPU per firing.
B. Incremental mirror planning: a tree of N small files at a source and the same tree at a
   destination, 1% changed; time until our sender sends its first byte (source and destination
   agents as two processes over a real data channel) against rsync -a --delete --dry-run on the
   same trees in the same run (goal: ratioRsync >= 1, no slower than rsync).

  --schedules N   schedules for part A, 0-100000 (default 10000; 0 skips part A)
  --files N       files for part B, 0-1000000 (default 100000; 0 skips part B)
  --agents S      the jobs' agents (never connected): active (default; runs queue transfers)
                  or pending (runs are recorded skipped: the scheduler without the transfer queue)
  --help          show this text

Needs rsync for part B (apt-get install -y rsync, as root). Environment: BENCH_DATABASE_URL or
TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names a PostgreSQL server
on which the bench may create and drop a database. Trees are written under the system temp folder.
Progress goes to stderr; stdout gets a table and, last, a one-line JSON summary.`;

const OptionsSchema = z.strictObject({
  schedules: Integer('--schedules', 0, 100_000).default(10_000),
  files: Integer('--files', 0, 1_000_000).default(100_000),
  agents: z.enum(['active', 'pending'], { error: '--agents must be active or pending' }).default('active'),
  help: z.boolean().default(false),
});
export type JobsBenchOptions = z.infer<typeof OptionsSchema>;

export function parseJobsBenchOptions(argv: readonly string[]): JobsBenchOptions {
  return parseFlags(
    argv,
    {
      schedules: { type: 'string' },
      files: { type: 'string' },
      agents: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    OptionsSchema,
    JOBS_USAGE,
  );
}
