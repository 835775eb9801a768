import type { TransferOutcome, TransferProgress } from '@tcpa/contracts';
import type { Database, Queryable } from '@tcpa/db';
import type { AccessTokens } from '../../auth/access-tokens.ts';
import type { Logger } from '../../http/logger.ts';
import type { EventBus } from '../realtime/event-bus.ts';
import { TRANSFER_COLUMNS, type TransferRow, toTransfer } from './transfers.sql.ts';
import { recordDecisionsAsService, recordPathAsService } from './tuning.sql.ts';

export interface AgentLinks {
  isConnected(agentId: string): boolean;
  /** Sends a command to a connected agent; false when it is not connected here. */
  sendCommand(agentId: string, commandId: string, name: string, args: unknown): boolean;
}

export interface TransferDispatcherOptions {
  database: Database;
  bus: EventBus;
  tokens: AccessTokens;
  agents: AgentLinks;
  log: Logger;
  /** Transfers an agent runs at once (as source or destination); the rest wait by priority. */
  maxConcurrentPerAgent?: number;
  tokenTtlSeconds?: number;
}

const PROGRESS_WRITE_INTERVAL_MS = 1000;

interface DestinationEndpointRow {
  data_host: string | null;
  data_port: number | null;
  data_fingerprint: string | null;
  /** What worked last on this path (source → destination), if anything did. */
  path_streams: number | null;
  path_chunk_size: number | null;
}
const START_COMMAND = 'transfer.start';

/**
 * Starts queued transfers whose agents are both connected to this node and not busy, turns
 * agent reports into state, and retries failures with backoff. Several nodes can run it at
 * once: rows are claimed with SKIP LOCKED, and a node only starts transfers whose source agent it
 * holds.
 */
export class TransferDispatcher {
  private readonly lastProgressWrite = new Map<string, number>();
  private readonly maxPerAgent: number;
  private readonly tokenTtl: number;

  constructor(private readonly options: TransferDispatcherOptions) {
    this.maxPerAgent = options.maxConcurrentPerAgent ?? 4;
    this.tokenTtl = options.tokenTtlSeconds ?? 24 * 3600;
  }

  async dispatchAsService(): Promise<number> {
    const started: Array<TransferRow & DestinationEndpointRow> = [];
    const changed = await this.options.database.unsafeAsOwner(async (tx) => {
      const queued = await tx.query<TransferRow & DestinationEndpointRow>(
        `select ${TRANSFER_COLUMNS.replace(/(\w+)/g, 't.$1')}, d.data_host, d.data_port, d.data_fingerprint,
           p.streams as path_streams, p.chunk_size as path_chunk_size
         from transfers t join agents d on d.id = t.destination_agent_id
           left join transfer_paths p on p.source_agent_id = t.source_agent_id
             and p.destination_agent_id = t.destination_agent_id
         where t.state = 'queued' and t.next_attempt_at <= now()
         order by t.priority desc, t.created_at limit 100 for update of t skip locked`,
      );
      const busy = await this.busyCounts(tx);
      const updates: TransferRow[] = [];
      for (const row of queued) {
        const waiting = this.whyWaiting(row, busy);
        if (waiting) {
          if (waiting !== row.state_reason) updates.push(await this.update(tx, row.id, { reason: waiting }));
          continue;
        }
        busy.set(row.source_agent_id, (busy.get(row.source_agent_id) ?? 0) + 1);
        busy.set(row.destination_agent_id, (busy.get(row.destination_agent_id) ?? 0) + 1);
        const [running] = await tx.query<TransferRow>(
          `update transfers set state = 'running', state_reason = null, attempts = attempts + 1,
             started_at = coalesce(started_at, now()), updated_at = now()
           where id = $1 returning ${TRANSFER_COLUMNS}`,
          [row.id],
        );
        if (running)
          started.push({
            ...running,
            data_host: row.data_host,
            data_port: row.data_port,
            data_fingerprint: row.data_fingerprint,
            path_streams: row.path_streams,
            path_chunk_size: row.path_chunk_size,
          });
      }
      return updates;
    });
    for (const row of started) await this.start(row);
    for (const row of [...changed, ...started]) this.publish(row);
    return started.length;
  }

  private async busyCounts(tx: Queryable) {
    const rows = await tx.query<{ agent_id: string; running: number }>(
      `select agent_id, count(*)::int as running from (
         select source_agent_id as agent_id from transfers where state in ('running', 'verifying')
         union all
         select destination_agent_id from transfers where state in ('running', 'verifying')) t
       group by agent_id`,
    );
    return new Map(rows.map((row) => [row.agent_id, row.running]));
  }

  private whyWaiting(row: TransferRow & { data_port: number | null }, busy: Map<string, number>): string | undefined {
    const { agents } = this.options;
    if (!agents.isConnected(row.source_agent_id)) return 'waiting for the source agent to come online';
    if (!agents.isConnected(row.destination_agent_id)) return 'waiting for the destination agent to come online';
    if (row.data_port === null) {
      return 'waiting for the destination agent to open its data channel (it may need an update)';
    }
    if ((busy.get(row.source_agent_id) ?? 0) >= this.maxPerAgent) {
      return `waiting: the source agent already runs ${this.maxPerAgent} transfers`;
    }
    if ((busy.get(row.destination_agent_id) ?? 0) >= this.maxPerAgent) {
      return `waiting: the destination agent already runs ${this.maxPerAgent} transfers`;
    }
    return undefined;
  }

  private async start(row: TransferRow & DestinationEndpointRow) {
    const token = await this.options.tokens.signTransferToken(
      {
        transferId: row.id,
        sourceAgentId: row.source_agent_id,
        destinationAgentId: row.destination_agent_id,
        paths: row.source_paths,
        destinationDir: row.destination_dir,
      },
      this.tokenTtl,
    );
    const args = {
      transferId: row.id,
      token,
      sourcePaths: row.source_paths,
      destinationAgentId: row.destination_agent_id,
      destination: { host: row.data_host, port: row.data_port, fingerprint: row.data_fingerprint },
      destinationDir: row.destination_dir,
      overwrite: row.overwrite,
      bandwidthLimitBps: row.bandwidth_limit_bps,
      // The tuner starts from what worked last on this path.
      tuning:
        row.path_streams === null || row.path_chunk_size === null
          ? null
          : { streams: row.path_streams, chunkSize: row.path_chunk_size },
    };
    const sent = this.options.agents.sendCommand(
      row.source_agent_id,
      `${START_COMMAND}:${row.id}:${row.attempts}`,
      START_COMMAND,
      args,
    );
    if (!sent) await this.requeue(row.id, 'the source agent disconnected before the transfer started');
  }

  /** The agent told where it receives transfers; queued transfers to it may now start. */
  async dataChannelOpenedAsService(agentId: string, endpoint: { host: string; port: number; fingerprint: string }) {
    await this.options.database.unsafeAsOwner((tx) =>
      tx.query('update agents set data_host = $2, data_port = $3, data_fingerprint = $4 where id = $1', [
        agentId,
        endpoint.host,
        endpoint.port,
        endpoint.fingerprint,
      ]),
    );
    await this.dispatchAsService();
  }

  /** A command the agent could not run: for transfer.start, the attempt failed. */
  async commandFailedAsService(agentId: string, commandId: string, error: string) {
    const [name, transferId] = commandId.split(':');
    if (name !== START_COMMAND || !transferId) return;
    await this.outcomeAsService(agentId, {
      transferId,
      state: 'failed',
      reason: `the source agent could not start the transfer: ${error}`,
      retryable: false,
    });
  }

  async progressAsService(agentId: string, progress: TransferProgress) {
    // Decisions are few and each is kept, so they skip the throttle that progress figures go through.
    const decisions = progress.decisions ?? [];
    if (decisions.length > 0) {
      await this.options.database.unsafeAsOwner(async (tx) => {
        const current = await this.runningBy(tx, progress.transferId, agentId, '');
        if (current) await recordDecisionsAsService(tx, current, decisions);
      });
    }
    const now = Date.now();
    if (now - (this.lastProgressWrite.get(progress.transferId) ?? 0) < PROGRESS_WRITE_INTERVAL_MS) return;
    this.lastProgressWrite.set(progress.transferId, now);
    const [row] = await this.options.database.unsafeAsOwner((tx) =>
      tx.query<TransferRow>(
        `update transfers set bytes_done = $3, bytes_total = $4, files_done = $5, files_total = $6, rate_bps = $7,
           updated_at = now()
         where id = $1 and source_agent_id = $2 and state in ('running', 'verifying') returning ${TRANSFER_COLUMNS}`,
        [
          progress.transferId,
          agentId,
          progress.bytesDone,
          progress.bytesTotal,
          progress.filesDone,
          progress.filesTotal,
          progress.rateBps,
        ],
      ),
    );
    if (row) this.publish(row);
  }

  async outcomeAsService(agentId: string, outcome: TransferOutcome) {
    const row = await this.options.database.unsafeAsOwner(async (tx) => {
      const current = await this.runningBy(tx, outcome.transferId, agentId, 'for update');
      if (!current) return undefined; // canceled or paused meanwhile, or not this agent's
      if (outcome.files) await this.recordFiles(tx, current, outcome.files);
      if (outcome.decisions) await recordDecisionsAsService(tx, current, outcome.decisions);
      if (outcome.state === 'succeeded' && outcome.tuning) await recordPathAsService(tx, current, outcome.tuning);
      if (outcome.state === 'verifying') return this.update(tx, current.id, { state: 'verifying', reason: null });
      if (outcome.state === 'succeeded') {
        this.lastProgressWrite.delete(current.id);
        // Progress writes are throttled, so the last one may be missing: the outcome has the totals.
        const files = outcome.files ?? [];
        const bytes = files.reduce((sum, file) => sum + file.size, 0);
        await tx.query(
          `update transfers set bytes_total = greatest($2, coalesce(bytes_total, 0)),
             bytes_done = greatest($2, coalesce(bytes_total, 0)), files_total = greatest($3, coalesce(files_total, 0)),
             files_done = greatest($3, coalesce(files_total, 0))
           where id = $1`,
          [current.id, bytes, files.length],
        );
        return this.update(tx, current.id, {
          state: 'succeeded',
          reason: null,
          stats: outcome.stats ?? null,
          done: true,
        });
      }
      const reason = outcome.reason ?? 'the transfer failed';
      if (outcome.retryable && current.attempts < current.max_attempts) {
        const delaySeconds = Math.min(300, 5 * 2 ** (current.attempts - 1));
        return this.update(tx, current.id, {
          state: 'queued',
          reason: `attempt ${current.attempts} of ${current.max_attempts} failed (${reason}); retrying in ${delaySeconds} s`,
          retryInSeconds: delaySeconds,
        });
      }
      return this.update(tx, current.id, { state: 'failed', reason, stats: outcome.stats ?? null, done: true });
    });
    if (row) this.publish(row);
  }

  /** An agent left: what it was running waits for it, and resumes from the journals when it returns. */
  async agentGoneAsService(agentId: string) {
    const rows = await this.options.database.unsafeAsOwner((tx) =>
      tx.query<TransferRow>(
        `update transfers set state = 'queued', next_attempt_at = now(), updated_at = now(),
           state_reason = case when source_agent_id = $1 then 'the source agent went offline; the transfer resumes when it is back'
                               else 'the destination agent went offline; the transfer resumes when it is back' end
         where (source_agent_id = $1 or destination_agent_id = $1) and state in ('running', 'verifying')
         returning ${TRANSFER_COLUMNS}`,
        [agentId],
      ),
    );
    for (const row of rows) this.publish(row);
  }

  /** The transfer if this agent is its source and it is running; locked for the outcome. */
  private async runningBy(tx: Queryable, transferId: string, agentId: string, lock: '' | 'for update') {
    const [row] = await tx.query<TransferRow>(
      `select ${TRANSFER_COLUMNS} from transfers where id = $1 and source_agent_id = $2
         and state in ('running', 'verifying') ${lock}`,
      [transferId, agentId],
    );
    return row;
  }

  private async requeue(transferId: string, reason: string) {
    const row = await this.options.database.unsafeAsOwner((tx) =>
      this.update(tx, transferId, { state: 'queued', reason }),
    );
    this.publish(row);
  }

  private async recordFiles(tx: Queryable, transfer: TransferRow, files: NonNullable<TransferOutcome['files']>) {
    if (files.length === 0) return;
    await tx.query(
      `insert into transfer_files (transfer_id, company_id, project_id, path, size, sha256, status, error)
       select $1, $2, $3, f.path, f.size, f.sha256, f.status, f.error
       from unnest($4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[]) as f(path, size, sha256, status, error)
       on conflict (transfer_id, path) do update set size = excluded.size, sha256 = excluded.sha256,
         status = excluded.status, error = excluded.error`,
      [
        transfer.id,
        transfer.company_id,
        transfer.project_id,
        files.map((f) => f.path),
        files.map((f) => f.size),
        files.map((f) => f.sha256),
        files.map((f) => f.status),
        files.map((f) => f.error),
      ],
    );
  }

  private async update(
    tx: Queryable,
    transferId: string,
    change: {
      state?: TransferRow['state'];
      reason: string | null;
      stats?: Record<string, unknown> | null;
      done?: boolean;
      retryInSeconds?: number;
    },
  ): Promise<TransferRow> {
    const [row] = await tx.query<TransferRow>(
      `update transfers set state = coalesce($2, state), state_reason = $3, stats = coalesce($4, stats),
         finished_at = case when $5 then now() else finished_at end,
         next_attempt_at = now() + make_interval(secs => $6), updated_at = now()
       where id = $1 returning ${TRANSFER_COLUMNS}`,
      [
        transferId,
        change.state ?? null,
        change.reason,
        change.stats ?? null,
        change.done ?? false,
        change.retryInSeconds ?? 0,
      ],
    );
    if (!row) throw new Error(`transfer ${transferId} vanished`);
    return row;
  }

  private publish(row: TransferRow) {
    this.options.bus.publish({
      type: 'transfer_changed',
      companyId: row.company_id,
      projectId: row.project_id,
      transfer: toTransfer(row),
    });
  }
}
