import type { TransferDetail } from '@tcpa/contracts';
import { formatBytes, formatRate, formatTime } from '../ui/format.ts';

type Decision = TransferDetail['decisions'][number];

function describeSetting(setting: Decision['from']): string {
  return `${setting.streams} stream${setting.streams === 1 ? '' : 's'} × ${formatBytes(setting.chunkSize)}`;
}

/** A decision to keep the setting (the bandwidth limit binds, an interval was no measurement). */
function isHold(decision: Decision): boolean {
  return decision.from.streams === decision.to.streams && decision.from.chunkSize === decision.to.chunkSize;
}

/** The tuner's log: each change of stream count or chunk size, what it measured, and why. */
export function TuningDecisions({ decisions }: { decisions: Decision[] }) {
  if (decisions.length === 0) return null;
  return (
    <>
      <h2>Tuner decisions</h2>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Change</th>
              <th scope="col">Measured</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {decisions.map((decision) => (
              <tr key={`${decision.attempt}:${decision.seq}`}>
                <td>{formatTime(decision.at)}</td>
                <td>
                  {isHold(decision)
                    ? `held at ${describeSetting(decision.to)}`
                    : `${describeSetting(decision.from)} → ${describeSetting(decision.to)}`}
                </td>
                <td className="num">
                  {formatRate(decision.throughputBps)}
                  {decision.rttMs !== null && <span className="sub">RTT {decision.rttMs} ms</span>}
                </td>
                <td>{decision.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
