/**
 * Load generator, run as its own process by load.ts so that it does not share an event loop
 * with the orchestrator. Reads its job from env BENCH_LOAD_JOB (JSON, keeps the token out of
 * the process list), runs autocannon (warm-up, then the measured run) and prints one JSON
 * LoadResult on stdout.
 */
import autocannon from 'autocannon';
import { LOAD_JOB_ENV, LoadJobSchema, type LoadResult } from './load-protocol.ts';

const job = LoadJobSchema.parse(JSON.parse(process.env[LOAD_JOB_ENV] ?? 'null'));

const result = await autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.seconds,
  headers: { authorization: `Bearer ${job.token}` },
  expectBody: job.expectBody,
  warmup: { connections: job.connections, duration: job.warmupSeconds },
});

const warmup = result.warmup;
const output: LoadResult = {
  durationSeconds: result.duration,
  requests: result.requests.total,
  ok: result['2xx'],
  rps: result.requests.total / result.duration,
  latencyMs: {
    mean: result.latency.mean,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
  },
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  mismatches: result.mismatches,
  statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
  warmupFailures: warmup ? warmup.non2xx + warmup.errors + warmup.timeouts + warmup.mismatches : 0,
  warmupRequests: warmup ? warmup.requests.total : 0,
};
process.stdout.write(`${JSON.stringify(output)}\n`);
