import type { Transfer } from '@tcpa/contracts';

/** What a queued transfer waits for and since when ("the destination agent is unreachable since 10:42"). */
export function TransferWaiting({ transfer }: { transfer: Transfer }) {
  if (!transfer.waitingFor) return null;
  const since = transfer.waitingSince
    ? new Date(transfer.waitingSince).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : null;
  return (
    <span className="sub" data-testid="transfer-waiting">
      Waiting: {transfer.waitingFor}
      {since ? ` since ${since}` : ''} (retrying without using attempts)
    </span>
  );
}
