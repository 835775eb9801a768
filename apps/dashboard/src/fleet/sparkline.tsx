import { memo } from 'react';

/** A small line of recent values; `values` is read at render time (the caller bumps `version`). */
export const Sparkline = memo(function Sparkline({
  values,
  width = 96,
  height = 24,
}: {
  values: readonly number[];
  version: number;
  width?: number;
  height?: number;
}) {
  if (values.length < 2) return <svg width={width} height={height} aria-hidden="true" className="sparkline" />;
  const max = Math.max(...values, 1);
  const step = width / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 1 - (v / max) * (height - 2)).toFixed(1)}`);
  return (
    <svg width={width} height={height} aria-hidden="true" className="sparkline">
      <polyline points={points.join(' ')} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
});
