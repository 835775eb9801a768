import type { TransferPath, TuningDecision, TuningSummary } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';
import type { TransferRow } from './transfers.sql.ts';

/** Decisions kept per transfer (all attempts); a tuner that runs for days should not fill the table. */
const MAX_DECISIONS_PER_TRANSFER = 2000;

interface DecisionRow {
  attempt: number;
  seq: number;
  at: string;
  from_streams: number;
  from_chunk_size: number;
  to_streams: number;
  to_chunk_size: number;
  throughput_bps: number;
  baseline_bps: number | null;
  rtt_ms: number | null;
  loss_rate: number | null;
  reason: string;
}

/**
 * Stores decisions of the transfer's current attempt as reported by its source agent; repeats are
 * ignored. Keyed by the attempt's sequence number, which is never reset: keyed by `attempts`, which a
 * retry resets, a retried transfer's decisions collided with the first run's and were dropped.
 */
export async function recordDecisionsAsService(tx: Queryable, transfer: TransferRow, decisions: TuningDecision[]) {
  if (decisions.length === 0) return;
  const column = <K extends keyof TuningDecision>(key: K) => decisions.map((decision) => decision[key]);
  await tx.query(
    `insert into transfer_decisions (transfer_id, company_id, project_id, attempt, seq, at, from_streams,
       from_chunk_size, to_streams, to_chunk_size, throughput_bps, baseline_bps, rtt_ms, loss_rate, reason)
     select $1, $2, $3, $4, d.* from unnest($5::int[], $6::timestamptz[], $7::int[], $8::int[], $9::int[], $10::int[],
       $11::float8[], $12::float8[], $13::float8[], $14::float8[], $15::text[])
       as d(seq, at, from_streams, from_chunk_size, to_streams, to_chunk_size, throughput_bps, baseline_bps, rtt_ms,
         loss_rate, reason)
     where (select count(*) from transfer_decisions where transfer_id = $1) < ${MAX_DECISIONS_PER_TRANSFER}
     on conflict do nothing`,
    [
      transfer.id,
      transfer.company_id,
      transfer.project_id,
      transfer.attempt_seq,
      column('seq'),
      column('at'),
      decisions.map((d) => d.from.streams),
      decisions.map((d) => d.from.chunkSize),
      decisions.map((d) => d.to.streams),
      decisions.map((d) => d.to.chunkSize),
      column('throughputBps'),
      column('baselineBps'),
      column('rttMs'),
      column('lossRate'),
      column('reason'),
    ],
  );
}

export async function listDecisions(tx: Queryable, transferId: string) {
  const rows = await tx.query<DecisionRow>(
    `select attempt, seq, at, from_streams, from_chunk_size, to_streams, to_chunk_size, throughput_bps, baseline_bps,
       rtt_ms, loss_rate, reason
     from transfer_decisions where transfer_id = $1 order by attempt, seq`,
    [transferId],
  );
  return rows.map((row) => ({
    attempt: row.attempt,
    seq: row.seq,
    at: new Date(row.at).toISOString(),
    from: { streams: row.from_streams, chunkSize: row.from_chunk_size },
    to: { streams: row.to_streams, chunkSize: row.to_chunk_size },
    throughputBps: row.throughput_bps,
    baselineBps: row.baseline_bps,
    rttMs: row.rtt_ms,
    lossRate: row.loss_rate,
    reason: row.reason,
  }));
}

/**
 * What worked on this path: the next transfer from the same source to the same destination starts
 * from it. A zero rate measured nothing (an outage): the history stays as it was.
 */
export async function recordPathAsService(tx: Queryable, transfer: TransferRow, tuning: TuningSummary) {
  if (tuning.rateBps <= 0) return;
  await tx.query(
    `insert into transfer_paths (source_agent_id, destination_agent_id, company_id, project_id, streams, chunk_size,
       rate_bps, rtt_ms)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (source_agent_id, destination_agent_id) do update set streams = excluded.streams,
       chunk_size = excluded.chunk_size, rate_bps = excluded.rate_bps, rtt_ms = excluded.rtt_ms,
       transfers = transfer_paths.transfers + 1, updated_at = now()`,
    [
      transfer.source_agent_id,
      transfer.destination_agent_id,
      transfer.company_id,
      transfer.project_id,
      tuning.streams,
      tuning.chunkSize,
      tuning.rateBps,
      tuning.rttMs,
    ],
  );
}

interface PathRow {
  source_agent_id: string;
  destination_agent_id: string;
  streams: number;
  chunk_size: number;
  rate_bps: number;
  rtt_ms: number | null;
  transfers: number;
  updated_at: string;
}

export async function listPaths(tx: Queryable, projectId: string): Promise<TransferPath[]> {
  const rows = await tx.query<PathRow>(
    `select source_agent_id, destination_agent_id, streams, chunk_size, rate_bps, rtt_ms, transfers, updated_at
     from transfer_paths where project_id = $1 order by updated_at desc limit 1000`,
    [projectId],
  );
  return rows.map((row) => ({
    sourceAgentId: row.source_agent_id,
    destinationAgentId: row.destination_agent_id,
    streams: row.streams,
    chunkSize: row.chunk_size,
    rateBps: row.rate_bps,
    rttMs: row.rtt_ms,
    transfers: row.transfers,
    updatedAt: new Date(row.updated_at).toISOString(),
  }));
}
