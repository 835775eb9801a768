import type { TransferReconcile } from '@tcpa/contracts';
import type { DispatchContext } from './dispatch-context.ts';
import { adoptReportedAsService, requeueRunningAsService } from './transfer-outcome.sql.ts';

/**
 * What a (re)connected source agent knows about its transfers: those it runs or has finished
 * (their reports follow) are its again, so the reports settle them truly; any other it ran
 * before (on a node that is gone, or before it restarted) is queued again.
 */
export async function adoptKnownTransfersAsService(
  context: DispatchContext,
  agentId: string,
  { transfers }: TransferReconcile,
) {
  const knownIds = transfers.map((known) => known.transferId);
  const { adopted, requeued } = await context.database.unsafeAsOwner(async (tx) => ({
    adopted: transfers.length > 0 ? await adoptReportedAsService(tx, agentId, transfers) : [],
    requeued: await requeueRunningAsService(tx, agentId, {
      asSourceOnly: true,
      except: [...knownIds, ...context.started.idsRunBy(agentId)],
      reason: {
        source: 'the source agent no longer runs it (it restarted); the transfer resumes',
        destination: 'the destination agent no longer runs it (it restarted); the transfer resumes',
      },
      waitingFor: null,
    }),
  }));
  for (const row of adopted) {
    if (!context.started.runBy(row.id, agentId)) {
      context.started.add({
        transferId: row.id,
        runnerAgentId: row.runner_agent_id,
        otherAgentId: row.store_label === null ? row.destination_agent_id : null,
        attempt: row.attempt_seq,
      });
    }
    if (row.was_queued) context.publish(row);
  }
  for (const row of requeued) context.publish(row);
}

/** An agent left: what it was running (as source or destination) is queued, waiting for it. Returns those ids. */
export async function requeueForGoneAgentAsService(context: DispatchContext, agentId: string): Promise<string[]> {
  context.started.forgetAgent(agentId);
  const rows = await context.database.unsafeAsOwner((tx) =>
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
  for (const row of rows) context.publish(row);
  return rows.map((row) => row.id);
}
