import type {
  CommandId,
  CreateTransferBody,
  Transfer,
  TransferAction,
  TransferFiles,
  TransferOutcome,
  TransferProgress,
  TransferReconcile,
} from '@tcpa/contracts';
import type { ServerDeps } from '../../server-deps.ts';
import type { AgentConnections } from '../agents/agent-connections.ts';
import { recordDataChannelAsService } from '../agents/agents.sql.ts';
import type { FleetEvent } from '../realtime/event-bus.ts';
import { adoptKnownTransfersAsService, requeueForGoneAgentAsService } from './agent-presence.ts';
import {
  recordFilesPageAsService,
  recordOutcomeAsService,
  recordProgressAsService,
  settleFailedCommandAsService,
} from './agent-reports.ts';
import type { DispatchContext } from './dispatch-context.ts';
import { nextQueuedSliceAsService } from './dispatch-queue.sql.ts';
import { oneAtATime } from './one-at-a-time.ts';
import { StartedTransfers } from './started-transfers.ts';
import { changeTransferByAction, insertTransfer, type TenantWork } from './transfer-requests.ts';
import { checkStalledAsService, explainWaitingTransfersAsService, startPassAsService } from './transfer-starts.ts';
import { toTransfer, transferChanged } from './transfers.sql.ts';
import { WaitingExplainer } from './waiting-explainer.ts';

/*
 * The life of a transfer, and who moves it:
 *
 *   queued ─(start pass)─▶ running ─(outcome)─▶ verifying ─(outcome)─▶ succeeded | failed
 *   running, verifying ─(outcome: succeeded, or failed for good)─▶ succeeded | failed
 *   running, verifying ─(outcome: retryable; agent left, restarted or stalled)─▶ queued
 *   users: pause (queued, running) ─▶ paused; cancel (any unfinished) ─▶ canceled;
 *          resume (paused) ─▶ queued; retry (failed, canceled) ─▶ queued
 *
 * - A user creates a transfer or applies an action in the route's tenant transaction
 *   (createTransfer, applyAction); once it commits, the change goes on the event bus.
 * - Every node follows the bus (followTransferChanges): a queued transfer starts a pass; a paused
 *   or canceled one is taken from both agents (transfer.pause / transfer.cancel).
 * - A start pass (transfer-starts.ts) moves what can run to running and tells its source agent
 *   transfer.start; the periodic tick (dispatchAsService) runs a pass for retries whose backoff
 *   ran out, refreshes why the others wait, and asks stalled sources transfer.check.
 * - Source agents report progress, file pages and the outcome (agent-reports.ts, where the retry
 *   rules are); agents connecting, reconciling and leaving requeue or adopt (agent-presence.ts).
 * Every state change is published on the bus: dashboards hear it through the realtime hub.
 */

export interface TransfersServiceOptions extends Pick<ServerDeps, 'database' | 'bus' | 'tokens'> {
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
  /** The multipart uploads begun for cloud transfers: a canceled one's are aborted in the store. */
  cloudUploads: { abortUploadsAsService(transferId: string): Promise<void> };
  /** Hears about bookkeeping after a user's request that failed (it never fails the request). */
  onError?: (error: unknown) => void;
}

/** What route handlers may ask for: a user's requests, in their tenant transaction, nothing as owner. */
export type TransferRequests = Pick<TransfersService, 'createTransfer' | 'applyAction'>;

/** Queued transfers whose waiting reason is refreshed per tick, round the queue in id order. */
const EXPLAIN_SLICE = 200;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Owns a transfer's lifecycle (above). Several nodes can run it at once: rows are claimed with
 * SKIP LOCKED, and a node starts only what its own agents send.
 */
export class TransfersService {
  private readonly context: DispatchContext;
  private explainAfter = FIRST_ID;
  private lastStallCheck = 0;
  /** One pass at a time; requests during a pass share the next one. */
  readonly startReadyAsService = oneAtATime(() => startPassAsService(this.context));
  /** Newly queued transfers' waiting reasons, a batch per statement. */
  private readonly explainer = new WaitingExplainer((transferIds) =>
    explainWaitingTransfersAsService(this.context, { transferIds }),
  );

  constructor(private readonly options: TransfersServiceOptions) {
    this.context = {
      database: options.database,
      tokens: options.tokens,
      agents: options.agents,
      started: new StartedTransfers(),
      limits: {
        maxPerAgent: options.maxConcurrentPerAgent ?? 4,
        maxStartsPerPass: options.maxStartsPerPass ?? 100,
        tokenTtlSeconds: options.tokenTtlSeconds ?? 300,
        transientRetrySeconds: options.transientRetrySeconds ?? 3600,
        stallSeconds: options.stallSeconds ?? 300,
      },
      publish: (row) => options.bus.publish(transferChanged(row)),
    };
  }

  // (a) A user's requests, in the route's tenant transaction; published once it commits.

  async createTransfer(work: TenantWork, projectId: string, body: CreateTransferBody): Promise<Transfer> {
    const row = await insertTransfer(work, projectId, body);
    work.afterCommit(() => this.context.publish(row));
    return toTransfer(row);
  }

  /** pause, resume, cancel or retry (TRANSFER_ACTIONS); 409 when the transfer's state refuses it. */
  async applyAction(
    work: TenantWork,
    projectId: string,
    transferId: string,
    action: TransferAction,
  ): Promise<Transfer> {
    const row = await changeTransferByAction(work, projectId, transferId, action);
    work.afterCommit(() => {
      this.context.publish(row);
      // Once, on the node that took the request; the runner is told to stop through the bus.
      if (row.state === 'canceled' && row.destination_location_id !== null) {
        this.options.cloudUploads
          .abortUploadsAsService(row.id)
          .catch((error: unknown) => this.options.onError?.(error));
      }
    });
    return toTransfer(row);
  }

  // (b) Dispatch: start passes, stall checks, retries, and what agents are told when a transfer changes.

  /** Attempts started here and not yet over (what progress and outcomes are accepted for). */
  get startedCount() {
    return this.context.started.size;
  }

  /** The periodic tick: retries whose backoff ran out, a slice of the queue's waiting reasons, stalls. */
  async dispatchAsService(): Promise<number> {
    const count = await this.startReadyAsService();
    const ids = await this.options.database.unsafeAsOwner((tx) =>
      nextQueuedSliceAsService(tx, this.explainAfter, EXPLAIN_SLICE),
    );
    this.explainAfter = ids.length < EXPLAIN_SLICE ? FIRST_ID : (ids.at(-1) ?? FIRST_ID);
    if (ids.length > 0) await explainWaitingTransfersAsService(this.context, { transferIds: ids });
    if (Date.now() - this.lastStallCheck >= (this.context.limits.stallSeconds * 1000) / 4) {
      this.lastStallCheck = Date.now();
      await checkStalledAsService(this.context);
    }
    return count;
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
      this.context.started.forget(transfer.id);
      // A paused transfer keeps its journal for resuming.
      const name = transfer.state === 'canceled' ? 'transfer.cancel' : 'transfer.pause';
      for (const agentId of [transfer.sourceAgentId, transfer.destinationAgentId]) {
        if (agentId !== null) this.context.agents.send(agentId, { name, args: { transferId: transfer.id, attempt } });
      }
    } else if (transfer.state === 'queued') {
      this.context.started.forget(transfer.id);
      await this.startReadyAsService();
      await this.explainer.explainSoon(transfer.id);
    }
  }

  // (c) Agents: presence and reports (what the realtime hub calls).

  /** An agent connected here: its transfers start once it has said which it still knows (reconcileAsService). */
  async agentConnectedAsService(agentId: string) {
    await explainWaitingTransfersAsService(this.context, { agentId });
  }

  /** A (re)connected source says what it runs or finished: those are its again, the rest start over. */
  async reconcileAsService(agentId: string, known: TransferReconcile) {
    await adoptKnownTransfersAsService(this.context, agentId, known);
    await this.startReadyAsService();
    await explainWaitingTransfersAsService(this.context, { agentId });
  }

  /** The agent told where it receives transfers; queued transfers to it may now start. */
  async dataChannelOpenedAsService(agentId: string, endpoint: { host: string; port: number; fingerprint: string }) {
    await recordDataChannelAsService(this.options.database, agentId, endpoint);
    await this.startReadyAsService();
    await explainWaitingTransfersAsService(this.context, { agentId });
  }

  /** An agent left: what it was running waits for it, and resumes from the journals when it returns. */
  async agentGoneAsService(agentId: string) {
    const requeuedIds = await requeueForGoneAgentAsService(this.context, agentId);
    await explainWaitingTransfersAsService(this.context, { agentId, except: requeuedIds });
  }

  async progressAsService(agentId: string, progress: TransferProgress) {
    await recordProgressAsService(this.context, agentId, progress);
  }

  async filesAsService(agentId: string, page: TransferFiles) {
    await recordFilesPageAsService(this.context, agentId, page);
  }

  async outcomeAsService(agentId: string, outcome: TransferOutcome) {
    await recordOutcomeAsService(this.context, agentId, outcome);
  }

  async commandFailedAsService(agentId: string, commandId: CommandId, error: string) {
    await settleFailedCommandAsService(this.context, agentId, commandId, error);
  }
}
