import type { PlatformClient } from '@tcpa/api-client';
import { dataOf } from '@tcpa/api-client';
import type { TelemetryPoint } from '@tcpa/contracts';
import { z } from 'zod';
import { round } from '../tools/format.ts';

const StatSchema = z.strictObject({
  min: z.number(),
  avg: z.number(),
  max: z.number(),
  last: z.number(),
});
export type Stat = z.infer<typeof StatSchema>;

export const TelemetrySummarySchema = z.strictObject({
  agentId: z.string(),
  from: z.string(),
  to: z.string(),
  resolution: z.enum(['raw', 'minute']),
  samples: z.number().int(),
  lastSampleAt: z.string().nullable(),
  cpuPct: StatSchema.nullable(),
  memUsedBytes: StatSchema.nullable(),
  diskFreeBytes: StatSchema.nullable(),
  throughputBps: StatSchema.nullable(),
  rttMs: StatSchema.nullable(),
  activeTransfers: StatSchema.nullable(),
  errors: z.number().describe('errors counted by the agent over the range'),
  gaps: z
    .strictObject({ count: z.number().int(), longestSeconds: z.number() })
    .describe('silences in the telemetry: the agent was offline or could not report'),
});
export type TelemetrySummary = z.infer<typeof TelemetrySummarySchema>;

type Metric = 'cpuPct' | 'memUsedBytes' | 'diskFreeBytes' | 'throughputBps' | 'rttMs' | 'activeTransfers';

function stat(points: TelemetryPoint[], metric: Metric): Stat | null {
  const values = points.map((point) => point[metric]).filter((value): value is number => value !== null);
  const last = values.at(-1);
  if (last === undefined) return null;
  const sum = values.reduce((total, value) => total + value, 0);
  return { min: round(Math.min(...values)), avg: round(sum / values.length), max: round(Math.max(...values)), last };
}

/** Silences longer than five usual spacings (and at least 10 s) between consecutive points. */
function findGaps(points: TelemetryPoint[]) {
  const times = points.map((point) => Date.parse(point.ts));
  const spacings = times.slice(1).map((time, index) => time - (times[index] as number));
  if (spacings.length === 0) return { count: 0, longestSeconds: 0 };
  const sorted = [...spacings].sort((a, b) => a - b);
  const usual = sorted[Math.floor(sorted.length / 2)] as number;
  const threshold = Math.max(usual * 5, 10_000);
  const gaps = spacings.filter((spacing) => spacing > threshold);
  return { count: gaps.length, longestSeconds: round(Math.max(0, ...gaps) / 1000) };
}

export function summarizeTelemetry(
  agentId: string,
  range: { from: string; to: string },
  resolution: 'raw' | 'minute',
  points: TelemetryPoint[],
): TelemetrySummary {
  return {
    agentId,
    from: range.from,
    to: range.to,
    resolution,
    samples: points.reduce((total, point) => total + point.samples, 0),
    lastSampleAt: points.at(-1)?.ts ?? null,
    cpuPct: stat(points, 'cpuPct'),
    memUsedBytes: stat(points, 'memUsedBytes'),
    diskFreeBytes: stat(points, 'diskFreeBytes'),
    throughputBps: stat(points, 'throughputBps'),
    rttMs: stat(points, 'rttMs'),
    activeTransfers: stat(points, 'activeTransfers'),
    errors: points.reduce((total, point) => total + (point.errors ?? 0), 0),
    gaps: findGaps(points),
  };
}

export async function readTelemetry(
  api: PlatformClient,
  projectId: string,
  agentId: string,
  range: { from: string; to: string },
): Promise<TelemetrySummary> {
  const series = await dataOf(
    api.GET('/api/v1/projects/{projectId}/agents/{agentId}/telemetry', {
      params: { path: { projectId, agentId }, query: { from: range.from, to: range.to, resolution: 'auto' } },
    }),
  );
  return summarizeTelemetry(agentId, range, series.resolution, series.points);
}

export function lastMinutes(minutes: number, now = Date.now()) {
  return { from: new Date(now - minutes * 60_000).toISOString(), to: new Date(now).toISOString() };
}
