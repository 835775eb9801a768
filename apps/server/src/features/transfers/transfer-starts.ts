import {
  type AgentCommand,
  type CloudTransferStartArgs,
  MAX_CLOUD_PART_BYTES,
  type TransferStartArgs,
} from '@tcpa/contracts';
import type { DispatchContext } from './dispatch-context.ts';
import {
  type ExplainScope,
  explainWaitingAsService,
  lockQueuedAsService,
  type QueuedWithEndpoint,
  selectStartableAsService,
} from './dispatch-queue.sql.ts';
import { changeTransferAsService, stalledRunningAsService, type TransferChange } from './transfer-outcome.sql.ts';
import { TRANSFER_COLUMNS, type TransferRow } from './transfers.sql.ts';

/** Queued rows looked at per runner agent in one pass (see selectStartableAsService). */
const SCAN_PER_SOURCE = 500;
/**
 * A cloud transfer's part size and parts (or small files) in flight. The agent keeps them for the
 * transfer, but grows a file's parts when it would need more than 10,000 (bench:cloud holds
 * rclone to the same).
 */
export const CLOUD_PART_SIZE_BYTES = 16 * 1024 * 1024;
export const CLOUD_CONCURRENCY = 8;

/**
 * One start pass: queued transfers that can run now (source held here, both agents connected,
 * neither busy), fairly between companies, move to running with a new attempt, and their source
 * agents are told `transfer.start`. Returns how many started.
 */
export async function startPassAsService(context: DispatchContext): Promise<number> {
  const heldAgentIds = context.agents.connectedAgentIds();
  if (heldAgentIds.length === 0) return 0;
  const { maxPerAgent, maxStartsPerPass } = context.limits;
  const starting = await context.database.unsafeAsOwner(async (tx) => {
    const candidates = await selectStartableAsService(tx, {
      heldAgentIds,
      maxPerAgent,
      scanPerSource: SCAN_PER_SOURCE,
      limit: maxStartsPerPass,
    });
    if (candidates.length === 0) return [];
    const locked = await lockQueuedAsService(
      tx,
      candidates.map((candidate) => candidate.id),
    );
    // Runners were given no more than their free slots; two sources may share a destination.
    const destinationLoad = new Map(candidates.map((c) => [c.destination_agent_id, c.destination_running]));
    const rows: QueuedWithEndpoint[] = [];
    for (const candidate of candidates) {
      const queued = locked.get(candidate.id);
      if (!queued) continue;
      if (candidate.destination_agent_id !== null) {
        const load = destinationLoad.get(candidate.destination_agent_id) ?? 0;
        if (load >= maxPerAgent) continue;
        destinationLoad.set(candidate.destination_agent_id, load + 1);
      }
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
  for (const row of starting) {
    if (row.store_label === null) await sendStartAsService(context, row);
    else await sendCloudStartAsService(context, row);
  }
  return starting.length;
}

/** Tells the source agent to run this attempt, with a token for it; requeues it if the agent is gone. */
async function sendStartAsService(context: DispatchContext, row: QueuedWithEndpoint) {
  const { data_host: host, data_port: port, data_fingerprint: fingerprint } = row;
  const { source_agent_id: sourceAgentId, source_paths: paths, destination_agent_id: destinationAgentId } = row;
  const destinationDir = row.destination_dir;
  // An agent-to-agent transfer has both agents, its paths and its directory (migration 027's checks).
  if (sourceAgentId === null || paths === null || destinationAgentId === null || destinationDir === null) {
    throw new Error(`transfer ${row.id} is not between two agents`);
  }
  // Only destinations that announced their data channel are picked (selectStartableAsService).
  if (host === null || port === null || fingerprint === null) {
    await settleAsService(context, row.id, {
      state: 'queued',
      reason: 'the destination agent has not opened its data channel',
    });
    return;
  }
  const token = await context.tokens.signTransferToken(
    {
      transferId: row.id,
      attempt: row.attempt_seq,
      sourceAgentId,
      destinationAgentId,
      paths,
      destinationDir,
      mode: row.mode,
    },
    context.limits.tokenTtlSeconds,
  );
  const args: TransferStartArgs = {
    transferId: row.id,
    attempt: row.attempt_seq,
    token,
    sourcePaths: paths,
    destinationAgentId,
    destination: { host, port, fingerprint },
    overwrite: row.overwrite,
    symlinks: row.symlinks,
    filters: row.filters,
    mode: row.mode,
    modifiedAfterMs: row.modified_after === null ? null : new Date(row.modified_after).getTime(),
    bandwidthLimitBps: row.bandwidth_limit_bps,
    // The tuner starts from what worked last on this path.
    tuning:
      row.path_streams === null || row.path_chunk_size === null
        ? null
        : { streams: row.path_streams, chunkSize: row.path_chunk_size },
  };
  await commandStartAsService(context, row, destinationAgentId, { name: 'transfer.start', args });
}

/** Tells the runner of a transfer to or from a storage location to run this attempt. */
async function sendCloudStartAsService(context: DispatchContext, row: QueuedWithEndpoint) {
  const direction = row.source_agent_id === null ? 'download' : 'upload';
  const args: CloudTransferStartArgs = {
    transferId: row.id,
    attempt: row.attempt_seq,
    direction,
    sourcePaths: row.source_paths ?? [],
    destinationDir: row.destination_dir,
    storeLabel: row.store_label ?? 'a storage location',
    overwrite: row.overwrite,
    symlinks: row.symlinks,
    filters: row.filters,
    mode: row.mode,
    modifiedAfterMs: row.modified_after === null ? null : new Date(row.modified_after).getTime(),
    bandwidthLimitBps: row.bandwidth_limit_bps,
    // A store without multipart uploads takes each file as one PUT: parts as large as may be, so files go whole.
    partSizeBytes: row.store_puts_whole ? MAX_CLOUD_PART_BYTES : CLOUD_PART_SIZE_BYTES,
    concurrency: CLOUD_CONCURRENCY,
  };
  await commandStartAsService(context, row, null, { name: 'transfer.cloud_start', args });
}

/** Sends the start to the runner, known as started first (it may answer at once); requeues if it is gone. */
async function commandStartAsService(
  context: DispatchContext,
  row: QueuedWithEndpoint,
  otherAgentId: string | null,
  command: AgentCommand,
) {
  context.started.add({
    transferId: row.id,
    runnerAgentId: row.runner_agent_id,
    otherAgentId,
    attempt: row.attempt_seq,
  });
  if (context.agents.send(row.runner_agent_id, command)) {
    context.publish(row);
    return;
  }
  context.started.forget(row.id);
  const runner = row.source_agent_id === null ? 'destination' : 'source';
  await settleAsService(context, row.id, {
    state: 'queued',
    reason: `the ${runner} agent disconnected before the transfer started`,
  });
}

async function settleAsService(context: DispatchContext, transferId: string, change: TransferChange) {
  const row = await context.database.unsafeAsOwner((tx) => changeTransferAsService(tx, transferId, change));
  context.publish(row);
}

/** Refreshes (and publishes) the waiting reasons of queued transfers in `scope`. */
export async function explainWaitingTransfersAsService(context: DispatchContext, scope: ExplainScope) {
  const changed = await context.database.unsafeAsOwner((tx) =>
    explainWaitingAsService(tx, scope, context.limits.maxPerAgent),
  );
  for (const row of changed) context.publish(row);
}

/**
 * Running transfers of agents held here without progress for a while are checked with their
 * runner agent: one that no longer runs it answers so and the transfer is requeued (see
 * settleFailedCommandAsService), so a stuck row never holds the agents' slots. A source that is gone
 * has its transfers requeued when it leaves or comes back.
 */
export async function checkStalledAsService(context: DispatchContext) {
  const heldAgentIds = context.agents.connectedAgentIds();
  if (heldAgentIds.length === 0) return;
  const stalled = await context.database.unsafeAsOwner((tx) =>
    stalledRunningAsService(tx, heldAgentIds, context.limits.stallSeconds),
  );
  for (const row of stalled) {
    const args = { transferId: row.id, attempt: row.attempt_seq };
    context.agents.send(row.runner_agent_id, { name: 'transfer.check', args });
  }
}
