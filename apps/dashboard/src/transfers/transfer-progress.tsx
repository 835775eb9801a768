import type { Transfer } from '@tcpa/contracts';
import { formatBytes, formatDuration, formatRate } from '../ui/format.ts';
import { progressPercent } from './transfers-live.ts';

export function TransferProgress({ transfer }: { transfer: Transfer }) {
  const percent = progressPercent(transfer);
  return (
    <div className="transfer-progress">
      <div
        className="progress"
        role="progressbar"
        aria-label="Transfer progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
      >
        <span style={{ width: `${percent ?? 0}%` }} />
      </div>
      <span className="sub">
        {percent === null ? 'size not known yet' : `${percent}%`} · {formatBytes(transfer.bytesDone)}
        {transfer.bytesTotal ? ` of ${formatBytes(transfer.bytesTotal)}` : ''}
        {transfer.state === 'running' &&
          ` · ${formatRate(transfer.rateBps)} · ETA ${formatDuration(transfer.etaSeconds)}`}
      </span>
    </div>
  );
}
