import { FINISHED_TRANSFER_STATES, type Transfer } from '@tcpa/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { DrawThrottle, SeriesBuffer } from '../charts/series-buffer.ts';
import { type ChartHandle, TimeChart } from '../charts/time-chart.tsx';
import { formatRate } from '../ui/format.ts';

const SERIES = [{ label: 'Throughput', stroke: '#2563eb' }];

/** Throughput of a running transfer, one point per progress update while the page is open. */
export function TransferThroughputChart({ transfer }: { transfer: Transfer }) {
  const buffer = useMemo(() => new SeriesBuffer(1, 3600), []);
  const handle = useRef<ChartHandle | null>(null);
  const [points, setPoints] = useState(0);
  const throttle = useMemo(
    () =>
      new DrawThrottle(() => {
        handle.current?.redraw();
        setPoints(buffer.length);
      }, 100),
    [buffer],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: each progress update (new bytesDone) is a point, even at an unchanged rate
  useEffect(() => {
    if (transfer.state !== 'running' || transfer.rateBps === null) return;
    buffer.push(Date.now() / 1000, [transfer.rateBps]);
    throttle.request();
  }, [transfer.state, transfer.rateBps, transfer.bytesDone, buffer, throttle]);

  useEffect(() => () => throttle.cancel(), [throttle]);

  if (points === 0 && FINISHED_TRANSFER_STATES.includes(transfer.state)) {
    const average = transfer.stats?.averageBps;
    return (
      <p className="muted" data-testid="throughput-points">
        {typeof average === 'number' ? `Average throughput ${formatRate(average)}. ` : ''}
        The throughput chart is drawn while a transfer runs with this page open.
      </p>
    );
  }

  return (
    <>
      <TimeChart
        title="Throughput"
        buffer={buffer}
        series={SERIES}
        format={formatRate}
        register={(registered) => {
          handle.current = registered;
        }}
      />
      <p className="muted" data-testid="throughput-points">
        {points === 0
          ? 'The chart draws while the transfer runs and this page is open.'
          : `${points} progress ${points === 1 ? 'point' : 'points'}`}
      </p>
    </>
  );
}
