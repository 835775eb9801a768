/** Command-line flags of the telemetry bench, validated with zod. */
import { z } from 'zod';
import { Integer, parseFlags } from './cli.ts';

/** The Enterprise plan's telemetry interval: the fastest rate the server stores. */
export const PLAN_INTERVAL_MS = 100;
export const MAX_HZ = 1000 / PLAN_INTERVAL_MS;

export const TELEMETRY_USAGE = `Usage: npm run bench:telemetry -- [--agents N] [--hz H] [--seconds S] [--subscribers M] [options]

Streams telemetry from N simulated agents (real WebSocket clients using the agent's own protocol
code, in separate worker processes) to the real server on a fresh PostgreSQL database, with M
dashboard subscribers watching the project, then measures the database write path on its own.
  --agents N         simulated agents, 1-20000 (default 200)
  --hz H             samples per second per agent, above 0 and at most ${MAX_HZ} (default 1). The bench
                     company is on Enterprise (${PLAN_INTERVAL_MS} ms telemetry interval); the server folds
                     (acknowledges without storing) samples an agent sends closer together than
                     0.8 x the interval, so more than ${MAX_HZ} Hz per agent is refused
  --seconds S        measured window, 1-600 (default 10)
  --subscribers M    dashboard WebSocket subscribers of the project, 0-100 (default 5)
  --warmup W         seconds of load after all agents connect, before the window, 1-120 (default 5)
  --agent-workers K  processes running the agents, 1-8 (default: 1, or 2 above 5000 messages/s)
  --pool-size P      the server's DATABASE_POOL_SIZE, 1-100 (default 8)
  --db-seconds D     seconds of each database write path (batched, single-row), run in alternating
                     1 s rounds, 1-60 (default 3)
  --profile          CPU-profile the server during the window and print where its time went
                     (the profile file is kept; profiling slows the server somewhat)
  --help             show this text

Goals (2-core machine): 5,000 agents at 1 Hz and 2,000 agents at 10 Hz sustained with zero loss
and p95 agent-send -> subscriber-receive latency <= 100 ms; batched ingest >= 50,000 rows/s and
>= 15x single-row INSERTs.

Every agent is a socket in the server and in an agent worker: the hard open-files limit
(ulimit -Hn) must exceed agents + 1024 (Node raises its soft limit to the hard one itself).

Environment: BENCH_DATABASE_URL or TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
names a PostgreSQL server on which the bench may create and drop a database.`;

const TelemetryOptionsSchema = z.strictObject({
  agents: Integer('--agents', 1, 20_000).default(200),
  hz: z.coerce
    .number({ error: '--hz must be a number' })
    .positive({ error: '--hz must be above 0' })
    .max(MAX_HZ, {
      error:
        `--hz must be at most ${MAX_HZ}: the bench company is on Enterprise, whose telemetry interval is ` +
        `${PLAN_INTERVAL_MS} ms, and the server folds (acknowledges but does not store) samples an agent sends ` +
        `closer together than 0.8 x ${PLAN_INTERVAL_MS} ms`,
    })
    .default(1),
  seconds: Integer('--seconds', 1, 600).default(10),
  subscribers: Integer('--subscribers', 0, 100).default(5),
  warmup: Integer('--warmup', 1, 120).default(5),
  agentWorkers: Integer('--agent-workers', 1, 8).optional(),
  poolSize: Integer('--pool-size', 1, 100).default(8),
  dbSeconds: Integer('--db-seconds', 1, 60).default(3),
  profile: z.boolean().default(false),
  help: z.boolean().default(false),
});

export type TelemetryOptions = z.infer<typeof TelemetryOptionsSchema>;

export function parseTelemetryOptions(argv: readonly string[]): TelemetryOptions {
  const string = { type: 'string' } as const;
  const flag = { type: 'boolean' } as const;
  return parseFlags(
    argv,
    {
      agents: string,
      hz: string,
      seconds: string,
      subscribers: string,
      warmup: string,
      'agent-workers': string,
      'pool-size': string,
      'db-seconds': string,
      profile: flag,
      help: { type: 'boolean', short: 'h' },
    },
    z.preprocess(
      (values) =>
        Object.fromEntries(
          Object.entries(values as Record<string, unknown>).map(([key, value]) => [
            key.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()),
            value,
          ]),
        ),
      TelemetryOptionsSchema,
    ),
    TELEMETRY_USAGE,
  );
}

/** Agent worker processes: one drives a few thousand messages/s comfortably, two above that. */
export function agentWorkersFor(options: TelemetryOptions): number {
  return options.agentWorkers ?? (options.agents * options.hz > 5000 ? 2 : 1);
}
