import type { CommandId, TransferFiles, TransferOutcome, TransferProgress } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';
import type { DispatchContext } from './dispatch-context.ts';
import {
  changeTransferAsService,
  recordFilesAsService,
  recordTotalsAsService,
  requeueStalledAsService,
  runningByAsService,
  waitTransientAsService,
} from './transfer-outcome.sql.ts';
import { TRANSFER_COLUMNS, type TransferRow } from './transfers.sql.ts';
import { recordDecisionsAsService, recordPathAsService } from './tuning.sql.ts';

/**
 * What runner agents (the source, or a download's destination) report about the attempts this node started on them. A report about any
 * other transfer (or from any other agent) is dropped unwritten.
 */

/** Progress figures (throttled per transfer) and the tuner's decisions (each kept). */
export async function recordProgressAsService(context: DispatchContext, agentId: string, progress: TransferProgress) {
  const started = context.started.runBy(progress.transferId, agentId);
  if (!started) return;
  // Decisions are few and each is kept, so they skip the throttle that progress figures go through.
  const decisions = progress.decisions ?? [];
  if (decisions.length > 0) {
    await context.database.unsafeAsOwner(async (tx) => {
      const current = await runningByAsService(tx, progress.transferId, agentId, '');
      if (current) await recordDecisionsAsService(tx, current, decisions);
    });
  }
  if (!context.started.takeProgressWrite(started)) return;
  const [row] = await context.database.unsafeAsOwner((tx) =>
    tx.query<TransferRow>(
      `update transfers set bytes_done = $3, bytes_total = $4, files_done = $5, files_total = $6, rate_bps = $7,
         waiting_since = null, updated_at = now()
       where id = $1 and runner_agent_id = $2 and state in ('running', 'verifying') returning ${TRANSFER_COLUMNS}`,
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
  if (row) context.publish(row);
}

/** A page of file results. */
export async function recordFilesPageAsService(context: DispatchContext, agentId: string, page: TransferFiles) {
  if (!context.started.runBy(page.transferId, agentId)) return;
  await context.database.unsafeAsOwner(async (tx) => {
    const current = await runningByAsService(tx, page.transferId, agentId, '');
    if (current) await recordFilesAsService(tx, current, page.files);
  });
}

/** The attempt's outcome: verifying, succeeded, failed for good, or queued again to retry. */
export async function recordOutcomeAsService(context: DispatchContext, agentId: string, outcome: TransferOutcome) {
  if (!context.started.runBy(outcome.transferId, agentId)) return;
  const row = await context.database.unsafeAsOwner(async (tx) => {
    // Not `for update`: that would also block the foreign-key checks of rows inserted meanwhile.
    const current = await runningByAsService(tx, outcome.transferId, agentId, 'for no key update');
    if (!current) return undefined; // canceled or paused meanwhile
    if (outcome.files) await recordFilesAsService(tx, current, outcome.files);
    if (outcome.decisions) await recordDecisionsAsService(tx, current, outcome.decisions);
    // What worked between two agents is kept per path; a store's side has no path of agents.
    if (outcome.state === 'succeeded' && outcome.tuning && current.store_label === null) {
      await recordPathAsService(tx, current, outcome.tuning);
    }
    return settleOutcomeAsService(tx, current, outcome, context.limits.transientRetrySeconds);
  });
  // Only once stored: if storing failed, the agent resends and this node still takes it.
  if (outcome.state !== 'verifying') context.started.forget(outcome.transferId);
  if (row) context.publish(row);
}

/**
 * The retry rules: a transient failure (`waitingFor`) is waited out without using an attempt, up
 * to `transientRetrySeconds`; another retryable one is queued with backoff 5·2^n s (at most
 * 300 s) while attempts remain; anything else fails the transfer.
 */
async function settleOutcomeAsService(
  tx: Queryable,
  current: TransferRow,
  outcome: TransferOutcome,
  transientRetrySeconds: number,
) {
  if (outcome.state === 'verifying')
    return changeTransferAsService(tx, current.id, { state: 'verifying', reason: null });
  const stats = outcome.stats ?? null;
  if (outcome.state === 'succeeded') {
    await recordTotalsAsService(tx, current.id);
    return changeTransferAsService(tx, current.id, { state: 'succeeded', reason: null, stats, done: true });
  }
  const reason = outcome.reason ?? 'the transfer failed';
  if (outcome.retryable && outcome.waitingFor) {
    const waited = await waitTransientAsService(tx, current.id, outcome.waitingFor, transientRetrySeconds);
    if (waited) return waited;
    return changeTransferAsService(tx, current.id, {
      state: 'failed',
      reason: `${outcome.waitingFor} for over ${formatDuration(transientRetrySeconds)} (${reason})`,
      stats,
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
  return changeTransferAsService(tx, current.id, { state: 'failed', reason, stats, done: true });
}

/**
 * A command the agent could not run: for transfer.start, the attempt failed; for transfer.check,
 * the source does not run it (or, an older agent, does not know the check), so it is requeued.
 */
export async function settleFailedCommandAsService(
  context: DispatchContext,
  agentId: string,
  { name, transferId, attempt }: CommandId,
  error: string,
) {
  if (name === 'transfer.check') {
    if (transferId === undefined || attempt === undefined) return;
    const row = await context.database.unsafeAsOwner((tx) => requeueStalledAsService(tx, transferId, agentId, attempt));
    if (!row) return;
    context.started.forget(transferId);
    context.publish(row);
    return;
  }
  if (name !== 'transfer.start' || transferId === undefined) return;
  await recordOutcomeAsService(context, agentId, {
    transferId,
    state: 'failed',
    reason: `the source agent could not start the transfer: ${error}`,
    retryable: false,
  });
}

function formatDuration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
