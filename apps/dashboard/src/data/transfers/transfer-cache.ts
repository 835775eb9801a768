import type { QueryClient } from '@tanstack/react-query';
import { FINISHED_TRANSFER_STATES, type Transfer, type TransferDetail } from '@tcpa/contracts';
import { upsertTransfer } from '../../transfers/transfers-live.ts';
import { transferKeys } from './keys.ts';

/**
 * Writes a transfer's new state into its project's list and its detail. Files and tuner decisions are
 * not in it: a detail whose transfer just finished is fetched once more for its final files.
 */
export function putTransfer(queryClient: QueryClient, projectId: string, transfer: Transfer) {
  queryClient.setQueryData<{ transfers: Transfer[] }>(
    transferKeys.list(projectId),
    (list) => list && { ...list, transfers: upsertTransfer(list.transfers, transfer) },
  );
  const detailKey = transferKeys.detail(projectId, transfer.id);
  const before = queryClient.getQueryData<TransferDetail>(detailKey);
  if (!before) return;
  queryClient.setQueryData<TransferDetail>(detailKey, { ...before, transfer });
  if (isFinished(transfer) && !isFinished(before.transfer)) void queryClient.invalidateQueries({ queryKey: detailKey });
}

export function isFinished(transfer: Pick<Transfer, 'state'>): boolean {
  return FINISHED_TRANSFER_STATES.includes(transfer.state);
}
