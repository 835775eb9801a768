/** Flags of `npm run bench:notify`. */
import { z } from 'zod';
import { Integer, parseFlags } from './cli.ts';

export const NOTIFY_USAGE = `Usage: npm run bench:notify -- [--seconds N] [--rate N] [--endpoints N] [--slow-ms N] [--drain N] [--profile]

Webhook delivery from a real server on a fresh PostgreSQL database to local HTTP endpoints, one
channel each subscribed to transfer.*. Events are real: transfers flipped to failed or succeeded
at the rate, the database's triggers writing the outbox events. Two phases of N seconds each:
a baseline with every endpoint healthy, then one endpoint slow and one failing (answering 500).
Per phase: delivered, lost, duplicates, latency from the event's commit to receipt (healthy p50,
p95, p99; the slow endpoint's own), the failing endpoint's retries, server and PostgreSQL CPU.

  --seconds N     length of each phase, 1-600 (default 60)
  --rate N        events a second, 1-2000 (default 100)
  --endpoints N   webhook endpoints, 3-200 (default 20; the last two are the slow and failing ones)
  --slow-ms N     the slow endpoint's answer time, 1-9000 (default 5000; the delivery timeout is 10 s)
  --drain N       seconds after each phase's last event to wait for deliveries, 1-600 (default 30)
  --profile       profile the server's CPU (node --cpu-prof) and print where the time went to stderr
  --help          show this text

Environment: BENCH_DATABASE_URL or TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
names a PostgreSQL server on which the bench may create and drop a database. Progress goes to
stderr; stdout gets a table and, last, a one-line JSON summary.`;

const OptionsSchema = z.strictObject({
  seconds: Integer('--seconds', 1, 600).default(60),
  rate: Integer('--rate', 1, 2000).default(100),
  endpoints: Integer('--endpoints', 3, 200).default(20),
  'slow-ms': Integer('--slow-ms', 1, 9000).default(5000),
  drain: Integer('--drain', 1, 600).default(30),
  profile: z.boolean().default(false),
  help: z.boolean().default(false),
});
export type NotifyBenchOptions = z.infer<typeof OptionsSchema>;

export function parseNotifyBenchOptions(argv: readonly string[]): NotifyBenchOptions {
  return parseFlags(
    argv,
    {
      seconds: { type: 'string' },
      rate: { type: 'string' },
      endpoints: { type: 'string' },
      'slow-ms': { type: 'string' },
      drain: { type: 'string' },
      profile: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    OptionsSchema,
    NOTIFY_USAGE,
  );
}
