import { describe, expect, it } from 'vitest';
import { loneTimeWindow, TIME_CHART_SCALES } from '../src/charts/time-axis.ts';

const range = (min: number | null, max: number | null) => TIME_CHART_SCALES.x.range(null, min, max);
const year = (seconds: number | null) => new Date((seconds ?? 0) * 1000).getUTCFullYear();

describe('the time axis of charts', () => {
  const t = Date.UTC(2026, 11, 6, 15, 0, 0) / 1000;

  it('fits one point with a minute each side, not years', () => {
    const [min, max] = range(t, t);
    expect([min, max]).toEqual([t - 60, t + 60]);
    expect([year(min), year(max)]).toEqual([2026, 2026]);
  });

  it('gives data at a single time (which uPlot pads by years) a minute each side', () => {
    expect(loneTimeWindow([t])).toEqual({ min: t - 60, max: t + 60 });
    expect(loneTimeWindow([t, t])).toEqual({ min: t - 60, max: t + 60 });
    expect(loneTimeWindow([t, t + 5])).toBeNull();
    expect(loneTimeWindow([])).toBeNull();
  });

  it('shows the span of the data when it has one, and leaves no data to the chart', () => {
    expect(range(t, t + 5)).toEqual([t, t + 5]);
    expect(range(t - 3600, t)).toEqual([t - 3600, t]);
    expect(range(null, null)).toEqual([null, null]);
  });
});
