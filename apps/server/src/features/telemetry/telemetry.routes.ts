import { IdSchema, type TelemetryPoint, TelemetryQuerySchema, TelemetrySeriesSchema } from '@tcpa/contracts';
import { z } from 'zod';
import { AppError, notFound } from '../../http/app-error.ts';
import { tenantRoute } from '../../http/route.ts';
import { getAgentRow } from '../agents/agents.sql.ts';

/** Ranges up to this long read raw samples; longer ones read the per-minute rollup. */
const RAW_MAX_RANGE_MS = 60 * 60 * 1000;
const MAX_POINTS = 20_000;

type PointRow = {
  ts: string;
  samples: number;
  cpu_pct: number | null;
  mem_used_bytes: number | null;
  disk_free_bytes: number | null;
  net_rx_bytes: number | null;
  net_tx_bytes: number | null;
  active_transfers: number | null;
  throughput_bps: number | null;
  rtt_ms: number | null;
  errors: number | null;
};

const RAW_SQL = `select ts, 1 as samples, cpu_pct, mem_used_bytes, disk_free_bytes, net_rx_bytes, net_tx_bytes,
    active_transfers, throughput_bps, rtt_ms, errors
  from telemetry where agent_id = $1 and ts >= $2 and ts < $3 order by ts, seq limit ${MAX_POINTS + 1}`;

const MINUTE_SQL = `select minute as ts, samples, cpu_sum / samples as cpu_pct, mem_used_sum / samples as mem_used_bytes,
    disk_free_min as disk_free_bytes, net_rx_max as net_rx_bytes, net_tx_max as net_tx_bytes,
    active_transfers_max as active_transfers, throughput_sum / samples as throughput_bps,
    case when rtt_samples > 0 then rtt_sum / rtt_samples end as rtt_ms, errors_sum as errors
  from telemetry_minute where agent_id = $1 and minute >= date_trunc('minute', $2::timestamptz) and minute < $3
  order by minute limit ${MAX_POINTS + 1}`;

function toPoint(row: PointRow): TelemetryPoint {
  const num = (value: number | null) => (value === null ? null : Number(value));
  return {
    ts: row.ts,
    samples: Number(row.samples),
    cpuPct: num(row.cpu_pct),
    memUsedBytes: num(row.mem_used_bytes),
    diskFreeBytes: num(row.disk_free_bytes),
    netRxBytes: num(row.net_rx_bytes),
    netTxBytes: num(row.net_tx_bytes),
    activeTransfers: num(row.active_transfers),
    throughputBps: num(row.throughput_bps),
    rttMs: num(row.rtt_ms),
    errors: num(row.errors),
  };
}

export const telemetryRoutes = [
  tenantRoute({
    method: 'get',
    path: '/api/v1/projects/:projectId/agents/:agentId/telemetry',
    summary: "An agent's telemetry over a time range: raw samples for short ranges, per-minute rollups for long",
    tags: ['agents'],
    access: { kind: 'project', permission: 'agents:read', param: 'projectId' },
    params: z.strictObject({ projectId: IdSchema, agentId: IdSchema }),
    query: TelemetryQuerySchema,
    response: TelemetrySeriesSchema,
    async handler({ tx, params, query }) {
      const from = Date.parse(query.from);
      const to = Date.parse(query.to);
      if (!(from < to)) throw new AppError('validation_failed', '"from" must be before "to"');
      if (!(await getAgentRow(tx, params.projectId, params.agentId))) throw notFound('Agent');
      const resolution =
        query.resolution === 'auto' ? (to - from <= RAW_MAX_RANGE_MS ? 'raw' : 'minute') : query.resolution;
      const rows = await tx.query<PointRow>(resolution === 'raw' ? RAW_SQL : MINUTE_SQL, [
        params.agentId,
        query.from,
        query.to,
      ]);
      if (rows.length > MAX_POINTS) {
        throw new AppError(
          'validation_failed',
          `More than ${MAX_POINTS} points in that range: narrow it${resolution === 'raw' ? ' or ask for resolution=minute' : ''}`,
        );
      }
      return { agentId: params.agentId, resolution, points: rows.map(toPoint) };
    },
  }),
];
