import type { Transfer } from '@tcpa/contracts';

/** Merges a realtime `transfer` message into a list, newest first. */
export function upsertTransfer(list: readonly Transfer[], transfer: Transfer): Transfer[] {
  const index = list.findIndex((t) => t.id === transfer.id);
  if (index === -1) return [transfer, ...list];
  const next = [...list];
  next[index] = transfer;
  return next;
}

export function progressPercent(transfer: Pick<Transfer, 'bytesDone' | 'bytesTotal' | 'state'>): number | null {
  if (transfer.state === 'succeeded') return 100;
  if (!transfer.bytesTotal) return null;
  return Math.min(100, Math.floor((transfer.bytesDone / transfer.bytesTotal) * 100));
}
