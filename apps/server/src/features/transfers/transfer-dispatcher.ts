import type {
  CommandId,
  TransferFiles,
  TransferOutcome,
  TransferProgress,
  TransferReconcile,
  TransferStartArgs,
} from '@tcpa/contracts';
import type { ServerDeps } from '../../server-deps.ts';
import type { AgentConnections } from '../agents/agent-connections.ts';
import { recordDataChannelAsService } from '../agents/agents.sql.ts';
import type { FleetEvent } from '../realtime/event-bus.ts';
import {
  type ExplainScope,
  explainWaitingAsService,
  lockQueuedAsService,
  nextQueuedSliceAsService,
  type QueuedWithEndpoint,
  selectStartableAsService,
} from './dispatch-queue.sql.ts';
import { oneAtATime } from './one-at-a-time.ts';
import { StartedTransfers } from './started-transfers.ts';
import {
  adoptReportedAsService,
  changeTransferAsService,
  recordFilesAsService,
  recordTotalsAsService,
  requeueRunningAsService,
  requeueStalledAsService,
  runningByAsService,
  stalledRunningAsService,
  type TransferChange,
  waitTransientAsService,
} from './transfer-outcome.sql.ts';
import { TRANSFER_COLUMNS, type TransferRow, transferChanged } from './transfers.sql.ts';
import { recordDecisionsAsService, recordPathAsService } from './tuning.sql.ts';

export interface TransferDispatcherOptions extends Pick<ServerDeps, 'database' | 'bus' | 'tokens'> {
  /** The agents connected to this node: it starts the transfers they send, and commands them. */
  agents: Pick<AgentConnections, 'connectedAgentIds' | 'send'>;
  /** Transfers an agent runs at once (as source or destination); the rest wait by priority. */
  maxConcurrentPerAgent?: number;
  /** Transfers started in one pass at most (shared round-robin between companies). */
  maxStartsPerPass?: number;
  /**
   * A transfer token lets its attempt's control stream open for this long; data streams may join
   * the accepted attempt later. Minutes: a token that leaks is soon worth nothing.
   */
  tokenTtlSeconds?: number;
  /** How long failures that pass by themselves (network, an agent restarting) are waited out. */
  transientRetrySeconds?: number;
  /** A running transfer without progress for this long is checked with its agents. */
  stallSeconds?: number;
}

/** Queued rows looked at per source agent in one pass (see selectStartableAsService). */
const SCAN_PER_SOURCE = 500;
/** Queued transfers whose waiting reason is refreshed per tick, round the queue in id order. */
const EXPLAIN_SLICE = 200;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Starts queued transfers that can run (source held by this node, both agents connected, neither
 * busy), fairly between companies; turns agent reports about the attempts it started into state;
 * retries failures with backoff; and says why the others wait. Several nodes can run it at once:
 * rows are claimed with SKIP LOCKED, and a node starts only what its own agents send.
 */
export class TransferDispatcher {
  private readonly started = new StartedTransfers();
  private readonly maxPerAgent: number;
  private readonly maxStartsPerPass: number;
  private readonly tokenTtl: number;
  private readonly transientRetrySeconds: number;
  private readonly stallSeconds: number;
  private explainAfter = FIRST_ID;
  private lastStallCheck = 0;
  /** One pass at a time; requests during a pass share the next one. */
  readonly startReadyAsService = oneAtATime(() => this.startPassAsService());

  constructor(private readonly options: TransferDispatcherOptions) {
    this.maxPerAgent = options.maxConcurrentPerAgent ?? 4;
    this.maxStartsPerPass = options.maxStartsPerPass ?? 100;
    this.tokenTtl = options.tokenTtlSeconds ?? 300;
    this.transientRetrySeconds = options.transientRetrySeconds ?? 3600;
    this.stallSeconds = options.stallSeconds ?? 300;
  }

  /** Attempts started here and not yet over (what progress and outcomes are accepted for). */
  get startedCount() {
    return this.started.size;
  }

  /** The periodic tick: retries whose backoff ran out, and a slice of the queue's waiting reasons. */
  async dispatchAsService(): Promise<number> {
    const count = await this.startReadyAsService();
    const ids = await this.options.database.unsafeAsOwner((tx) =>
      nextQueuedSliceAsService(tx, this.explainAfter, EXPLAIN_SLICE),
    );
    this.explainAfter = ids.length < EXPLAIN_SLICE ? FIRST_ID : (ids.at(-1) ?? FIRST_ID);
    if (ids.length > 0) await this.explainAsService({ transferIds: ids });
    if (Date.now() - this.lastStallCheck >= (this.stallSeconds * 1000) / 4) {
      this.lastStallCheck = Date.now();
      await this.checkStalledAsService();
    }
    return count;
  }

  /**
   * Running transfers of agents held here without progress for a while are checked with their
   * source agent: one that no longer runs it answers so and the transfer is requeued (see
   * commandFailedAsService), so a stuck row never holds the agents' slots. A source that is gone
   * has its transfers requeued when it leaves or comes back.
   */
  private async checkStalledAsService() {
    const heldAgentIds = this.options.agents.connectedAgentIds();
    if (heldAgentIds.length === 0) return;
    const stalled = await this.options.database.unsafeAsOwner((tx) =>
      stalledRunningAsService(tx, heldAgentIds, this.stallSeconds),
    );
    for (const row of stalled) {
      const args = { transferId: row.id, attempt: row.attempt_seq };
      this.options.agents.send(row.source_agent_id, { name: 'transfer.check', args });
    }
  }

  /** An agent connected here: its transfers start once it has said which it still knows (reconcileAsService). */
  async agentConnectedAsService(agentId: string) {
    await this.explainAsService({ agentId });
  }

  /**
   * What a (re)connected source agent knows about its transfers: those it runs or has finished
   * (their reports follow) are its again, so the reports settle them truly; any other it ran
   * before (on a node that is gone, or before it restarted) starts again. Then anything it can.
   */
  async reconcileAsService(agentId: string, { transfers }: TransferReconcile) {
    const knownIds = transfers.map((known) => known.transferId);
    const { adopted, requeued } = await this.options.database.unsafeAsOwner(async (tx) => ({
      adopted: transfers.length > 0 ? await adoptReportedAsService(tx, agentId, transfers) : [],
      requeued: await requeueRunningAsService(tx, agentId, {
        asSourceOnly: true,
        except: [...knownIds, ...this.started.idsRunBy(agentId)],
        reason: { source: 'the source agent no longer runs it (it restarted); the transfer resumes', destination: '' },
        waitingFor: null,
      }),
    }));
    for (const row of adopted) {
      if (!this.started.runBy(row.id, agentId)) {
        this.started.add({
          transferId: row.id,
          sourceAgentId: row.source_agent_id,
          destinationAgentId: row.destination_agent_id,
          attempt: row.attempt_seq,
        });
      }
      if (row.was_queued) this.publish(row);
    }
    for (const row of requeued) this.publish(row);
    await this.startReadyAsService();
    await this.explainAsService({ agentId });
  }

  /** An agent left: what it was running waits for it, and resumes from the journals when it returns. */
  async agentGoneAsService(agentId: string) {
    this.started.forgetAgent(agentId);
    const rows = await this.options.database.unsafeAsOwner((tx) =>
      requeueRunningAsService(tx, agentId, {
        asSourceOnly: false,
        except: [],
        reason: {
          source: 'the source agent went offline; the transfer resumes when it is back',
          destination: 'the destination agent went offline; the transfer resumes when it is back',
        },
        waitingFor: { source: 'the source agent is offline', destination: 'the destination agent is offline' },
      }),
    );
    for (const row of rows) this.publish(row);
    await this.explainAsService({ agentId, except: rows.map((row) => row.id) });
  }

  /**
   * Follows transfer changes on the bus (published by any node) until the returned function is
   * called; `onError` hears about bookkeeping that failed.
   */
  followTransferChanges(onError: (error: unknown) => void): () => void {
    return this.options.bus.subscribe((event) => {
      if (event.type === 'transfer_changed') this.transferChangedAsService(event).catch(onError);
    });
  }

  /**
   * A transfer changed (here or on another node): a stopped one is no longer run here and both
   * agents are told to stop it (the destination drops the attempt's streams); a queued one may start.
   */
  async transferChangedAsService(event: Extract<FleetEvent, { type: 'transfer_changed' }>) {
    const { transfer, attempt } = event;
    if (transfer.state === 'canceled' || transfer.state === 'paused') {
      this.started.forget(transfer.id);
      // A paused transfer keeps its journal for resuming.
      const name = transfer.state === 'canceled' ? 'transfer.cancel' : 'transfer.pause';
      for (const agentId of [transfer.sourceAgentId, transfer.destinationAgentId]) {
        this.options.agents.send(agentId, { name, args: { transferId: transfer.id, attempt } });
      }
    } else if (transfer.state === 'queued') {
      this.started.forget(transfer.id);
      await this.startReadyAsService();
      await this.explainAsService({ transferIds: [transfer.id] });
    }
  }

  private async startPassAsService(): Promise<number> {
    const heldAgentIds = this.options.agents.connectedAgentIds();
    if (heldAgentIds.length === 0) return 0;
    const starting = await this.options.database.unsafeAsOwner(async (tx) => {
      const candidates = await selectStartableAsService(tx, {
        heldAgentIds,
        maxPerAgent: this.maxPerAgent,
        scanPerSource: SCAN_PER_SOURCE,
        limit: this.maxStartsPerPass,
      });
      if (candidates.length === 0) return [];
      const locked = await lockQueuedAsService(
        tx,
        candidates.map((candidate) => candidate.id),
      );
      // Sources were given no more than their free slots; two sources may share a destination.
      const destinationLoad = new Map(candidates.map((c) => [c.destination_agent_id, c.destination_running]));
      const rows: QueuedWithEndpoint[] = [];
      for (const candidate of candidates) {
        const queued = locked.get(candidate.id);
        const load = destinationLoad.get(candidate.destination_agent_id) ?? 0;
        if (!queued || load >= this.maxPerAgent) continue;
        destinationLoad.set(candidate.destination_agent_id, load + 1);
        const [running] = await tx.query<TransferRow>(
          `update transfers set state = 'running', state_reason = null, attempts = attempts + 1,
             attempt_seq = attempt_seq + 1, waiting_for = null, started_at = coalesce(started_at, now()), updated_at = now()
           where id = $1 returning ${TRANSFER_COLUMNS}`,
          [queued.id],
        );
        if (running) rows.push({ ...queued, ...running });
      }
      return rows;
    });
    for (const row of starting) await this.start(row);
    return starting.length;
  }

  private async explainAsService(scope: ExplainScope) {
    const changed = await this.options.database.unsafeAsOwner((tx) =>
      explainWaitingAsService(tx, scope, this.maxPerAgent),
    );
    for (const row of changed) this.publish(row);
  }

  private async start(row: QueuedWithEndpoint) {
    const { data_host: host, data_port: port, data_fingerprint: fingerprint } = row;
    // Only destinations that announced their data channel are picked (selectStartableAsService).
    if (host === null || port === null || fingerprint === null) {
      await this.settleAsService(row.id, {
        state: 'queued',
        reason: 'the destination agent has not opened its data channel',
      });
      return;
    }
    const token = await this.options.tokens.signTransferToken(
      {
        transferId: row.id,
        attempt: row.attempt_seq,
        sourceAgentId: row.source_agent_id,
        destinationAgentId: row.destination_agent_id,
        paths: row.source_paths,
        destinationDir: row.destination_dir,
      },
      this.tokenTtl,
    );
    const args: TransferStartArgs = {
      transferId: row.id,
      attempt: row.attempt_seq,
      token,
      sourcePaths: row.source_paths,
      destinationAgentId: row.destination_agent_id,
      destination: { host, port, fingerprint },
      overwrite: row.overwrite,
      symlinks: row.symlinks,
      bandwidthLimitBps: row.bandwidth_limit_bps,
      // The tuner starts from what worked last on this path.
      tuning:
        row.path_streams === null || row.path_chunk_size === null
          ? null
          : { streams: row.path_streams, chunkSize: row.path_chunk_size },
    };
    // Known before the command goes: the agent may answer at once.
    this.started.add({
      transferId: row.id,
      sourceAgentId: row.source_agent_id,
      destinationAgentId: row.destination_agent_id,
      attempt: row.attempt_seq,
    });
    if (this.options.agents.send(row.source_agent_id, { name: 'transfer.start', args })) {
      this.publish(row);
      return;
    }
    this.started.forget(row.id);
    await this.settleAsService(row.id, {
      state: 'queued',
      reason: 'the source agent disconnected before the transfer started',
    });
  }

  /** The agent told where it receives transfers; queued transfers to it may now start. */
  async dataChannelOpenedAsService(agentId: string, endpoint: { host: string; port: number; fingerprint: string }) {
    await recordDataChannelAsService(this.options.database, agentId, endpoint);
    await this.startReadyAsService();
    await this.explainAsService({ agentId });
  }

  /** A command the agent could not run: for transfer.start, the attempt failed. */
  async commandFailedAsService(agentId: string, { name, transferId, attempt }: CommandId, error: string) {
    if (name === 'transfer.check') {
      // The source does not run it (or, an older agent, does not know the check): requeue it.
      if (transferId === undefined || attempt === undefined) return;
      const row = await this.options.database.unsafeAsOwner((tx) =>
        requeueStalledAsService(tx, transferId, agentId, attempt),
      );
      if (!row) return;
      this.started.forget(transferId);
      this.publish(row);
      return;
    }
    if (name !== 'transfer.start' || transferId === undefined) return;
    await this.outcomeAsService(agentId, {
      transferId,
      state: 'failed',
      reason: `the source agent could not start the transfer: ${error}`,
      retryable: false,
    });
  }

  /** Progress of an attempt this node started on this agent; anything else is dropped unwritten. */
  async progressAsService(agentId: string, progress: TransferProgress) {
    const started = this.started.runBy(progress.transferId, agentId);
    if (!started) return;
    // Decisions are few and each is kept, so they skip the throttle that progress figures go through.
    const decisions = progress.decisions ?? [];
    if (decisions.length > 0) {
      await this.options.database.unsafeAsOwner(async (tx) => {
        const current = await runningByAsService(tx, progress.transferId, agentId, '');
        if (current) await recordDecisionsAsService(tx, current, decisions);
      });
    }
    if (!this.started.takeProgressWrite(started)) return;
    const [row] = await this.options.database.unsafeAsOwner((tx) =>
      tx.query<TransferRow>(
        `update transfers set bytes_done = $3, bytes_total = $4, files_done = $5, files_total = $6, rate_bps = $7,
           waiting_since = null, updated_at = now()
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

  /** A page of file results of an attempt this node started on this agent; anything else is dropped unwritten. */
  async filesAsService(agentId: string, page: TransferFiles) {
    if (!this.started.runBy(page.transferId, agentId)) return;
    await this.options.database.unsafeAsOwner(async (tx) => {
      const current = await runningByAsService(tx, page.transferId, agentId, '');
      if (current) await recordFilesAsService(tx, current, page.files);
    });
  }

  /** The outcome of an attempt this node started on this agent; anything else is dropped unwritten. */
  async outcomeAsService(agentId: string, outcome: TransferOutcome) {
    if (!this.started.runBy(outcome.transferId, agentId)) return;
    const row = await this.options.database.unsafeAsOwner(async (tx) => {
      const current = await runningByAsService(tx, outcome.transferId, agentId, 'for update');
      if (!current) return undefined; // canceled or paused meanwhile
      if (outcome.files) await recordFilesAsService(tx, current, outcome.files);
      if (outcome.decisions) await recordDecisionsAsService(tx, current, outcome.decisions);
      if (outcome.state === 'succeeded' && outcome.tuning) await recordPathAsService(tx, current, outcome.tuning);
      if (outcome.state === 'verifying')
        return changeTransferAsService(tx, current.id, { state: 'verifying', reason: null });
      if (outcome.state === 'succeeded') {
        await recordTotalsAsService(tx, current.id);
        const stats = outcome.stats ?? null;
        return changeTransferAsService(tx, current.id, { state: 'succeeded', reason: null, stats, done: true });
      }
      const reason = outcome.reason ?? 'the transfer failed';
      if (outcome.retryable && outcome.waitingFor) {
        const waited = await waitTransientAsService(tx, current.id, outcome.waitingFor, this.transientRetrySeconds);
        if (waited) return waited;
        return changeTransferAsService(tx, current.id, {
          state: 'failed',
          reason: `${outcome.waitingFor} for over ${formatDuration(this.transientRetrySeconds)} (${reason})`,
          stats: outcome.stats ?? null,
          done: true,
        });
      }
      if (outcome.retryable && current.attempts < current.max_attempts) {
        const delaySeconds = Math.min(300, 5 * 2 ** (current.attempts - 1));
        return changeTransferAsService(tx, current.id, {
          state: 'queued',
          reason: `attempt ${current.attempts} of ${current.max_attempts} failed (${reason}); retrying in ${delaySeconds} s`,
          retryInSeconds: delaySeconds,
        });
      }
      const stats = outcome.stats ?? null;
      return changeTransferAsService(tx, current.id, { state: 'failed', reason, stats, done: true });
    });
    // Only once stored: if storing failed, the agent resends and this node still takes it.
    if (outcome.state !== 'verifying') this.started.forget(outcome.transferId);
    if (row) this.publish(row);
  }

  private async settleAsService(transferId: string, change: TransferChange) {
    const row = await this.options.database.unsafeAsOwner((tx) => changeTransferAsService(tx, transferId, change));
    this.publish(row);
  }

  private publish(row: TransferRow) {
    this.options.bus.publish(transferChanged(row));
  }
}

function formatDuration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
