/**
 * The database write path on its own, without the server: the server's batched statement
 * (INGEST_SQL over ingestParameters, in batches like TelemetryIngest writes them, one
 * transaction each, one after another) against one plain INSERT per row (autocommit, one after
 * another over a pool), in alternating one-second rounds. Both write the same telemetry
 * columns; the batched statement also folds every row into the per-minute rollup, so it does
 * more work per row than the single-row path.
 */
import type { TelemetrySample } from '@tcpa/contracts';
import pg from 'pg';
import {
  INGEST_SQL,
  type IngestSource,
  ingestParameters,
  rowValues,
} from '../src/features/telemetry/telemetry-ingest.ts';

export const INGEST_BATCH_ROWS = 2000;

/** Far above any seq the simulated agents reach: these rows never collide with theirs. */
const SEQ_BASE = 1_000_000_000;

const SINGLE_ROW_SQL = `insert into telemetry (agent_id, company_id, project_id, seq, ts, cpu_pct, mem_used_bytes,
  mem_total_bytes, disk_free_bytes, disk_total_bytes, net_rx_bytes, net_tx_bytes, active_transfers, throughput_bps,
  rtt_ms, errors, dropped_samples)
values ($1, $2, $3, $4, to_timestamp($5 / 1000.0), $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`;

export interface IngestPathResult {
  rows: number;
  seconds: number;
  rowsPerSec: number;
  /** Per statement: a batch of INGEST_BATCH_ROWS rows, or one row. */
  msPerStatement: number;
  /** CPU this (client) process spent per row: building and encoding parameters, the protocol. */
  clientCpuUsPerRow: number;
}

export interface IngestBenchResult {
  batched: IngestPathResult;
  single: IngestPathResult;
  poolSize: number;
}

let nextSeq = SEQ_BASE;

/** One sample per source in turn (like a fleet reporting), stamped now. */
function rowsFor(sources: readonly IngestSource[], count: number, offset: number) {
  const now = Date.now();
  return Array.from({ length: count }, (_, index) => {
    const source = sources[(offset + index) % sources.length] as IngestSource;
    const sample: TelemetrySample = {
      seq: nextSeq++,
      ts: now,
      cpuPct: (index % 1000) / 10,
      memUsedBytes: 4e9 + index,
      memTotalBytes: 16e9,
      diskFreeBytes: 2e11,
      netRxBytes: 1e9 + index,
      netTxBytes: 2e9 + index,
      activeTransfers: index % 5,
      throughputBps: 1e7,
      rttMs: 12.5,
      errors: 0,
      droppedSamples: 0,
    };
    return { source, sample };
  });
}

/** Time and rows of one path, summed over its rounds. */
class PathTotals {
  rows = 0;
  statements = 0;
  ms = 0;
  cpuUs = 0;

  async round(ms: number, step: () => Promise<number>): Promise<void> {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const until = started + ms;
    while (performance.now() < until) {
      this.rows += await step();
      this.statements++;
    }
    this.ms += performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    this.cpuUs += cpu.user + cpu.system;
  }

  result(): IngestPathResult {
    return {
      rows: this.rows,
      seconds: this.ms / 1000,
      rowsPerSec: this.ms > 0 ? this.rows / (this.ms / 1000) : 0,
      msPerStatement: this.statements > 0 ? this.ms / this.statements : 0,
      clientCpuUsPerRow: this.rows > 0 ? this.cpuUs / this.rows : 0,
    };
  }
}

/** One-second rounds, alternating, so that other load on the machine weighs on both paths alike. */
const ROUND_MS = 1000;

export async function benchIngestPaths(
  databaseUrl: string,
  sources: readonly IngestSource[],
  options: { seconds: number; poolSize: number },
): Promise<IngestBenchResult> {
  if (sources.length === 0) throw new Error('the ingest bench needs at least one agent to write for');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize });
  pool.on('error', () => undefined);
  let offset = 0;
  const batchedStep = async () => {
    const rows = rowsFor(sources, INGEST_BATCH_ROWS, offset);
    offset += rows.length;
    // As the server writes a batch: its own transaction, the named statement, one JSON parameter.
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query({ name: 'bench_ingest_batch', text: INGEST_SQL, values: ingestParameters(rows) });
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return rows.length;
  };
  const singleStep = async () => {
    const [row] = rowsFor(sources, 1, offset++);
    if (!row) return 0;
    const values = rowValues(row);
    await pool.query({ name: 'bench_ingest_row', text: SINGLE_ROW_SQL, values });
    return 1;
  };
  try {
    // Warm-up: connections, prepared statements, caches.
    await batchedStep();
    for (let index = 0; index < 20; index++) await singleStep();
    const batched = new PathTotals();
    const single = new PathTotals();
    for (let round = 0; round < options.seconds; round++) {
      await batched.round(ROUND_MS, batchedStep);
      await single.round(ROUND_MS, singleStep);
    }
    return { batched: batched.result(), single: single.result(), poolSize: options.poolSize };
  } finally {
    await pool.end();
  }
}
