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

export const TRANSFER_ACTIONS = {
  pause: ['queued', 'running'],
  resume: ['paused'],
  cancel: ['queued', 'running', 'verifying', 'paused'],
  retry: ['failed', 'canceled'],
} as const satisfies Record<string, readonly Transfer['state'][]>;

export function actionsFor(state: Transfer['state']): Array<keyof typeof TRANSFER_ACTIONS> {
  return (Object.keys(TRANSFER_ACTIONS) as Array<keyof typeof TRANSFER_ACTIONS>).filter((action) =>
    (TRANSFER_ACTIONS[action] as readonly string[]).includes(state),
  );
}
