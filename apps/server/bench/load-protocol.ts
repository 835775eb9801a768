/** What load.ts sends the load worker, and what the worker prints back. */
import { z } from 'zod';

export const LOAD_JOB_ENV = 'BENCH_LOAD_JOB';

export const LoadJobSchema = z.strictObject({
  url: z.url(),
  token: z.string().min(1),
  connections: z.number().int().min(1),
  seconds: z.number().int().min(1),
  warmupSeconds: z.number().int().min(1),
  /** Every response must have exactly this body (checked by autocannon as "mismatches"). */
  expectBody: z.string().min(1),
});
export type LoadJob = z.infer<typeof LoadJobSchema>;

const Count = z.number().int().min(0);

export const LoadResultSchema = z.strictObject({
  durationSeconds: z.number().positive(),
  /** Completed requests in the measured run, whatever their status. */
  requests: Count,
  ok: Count,
  rps: z.number().min(0),
  /** Of 2xx responses only; autocannon records whole milliseconds. */
  latencyMs: z.strictObject({
    mean: z.number(),
    p50: z.number(),
    p90: z.number(),
    p99: z.number(),
    max: z.number(),
  }),
  non2xx: Count,
  errors: Count,
  timeouts: Count,
  mismatches: Count,
  statusCodes: z.record(z.string(), Count),
  /** non-2xx, errors, timeouts and mismatches during the warm-up. */
  warmupFailures: Count,
  /** Completed requests during the warm-up (to divide CPU time measured over the whole job). */
  warmupRequests: Count,
});
export type LoadResult = z.infer<typeof LoadResultSchema>;

/** Everything that went wrong in the measured run. */
export function failuresOf(result: LoadResult): number {
  return result.non2xx + result.errors + result.timeouts + result.mismatches;
}
