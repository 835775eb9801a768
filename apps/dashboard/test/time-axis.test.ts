import { describe, expect, it } from 'vitest';
import { loneTimeWindow, TIME_AXIS_STEPS, TIME_CHART_SCALES, timeTickLabel } from '../src/charts/time-axis.ts';

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

describe('the labels of the time axis', () => {
  const at = (h: number, m: number, s: number) => new Date(2026, 11, 6, h, m, s).getTime() / 1000;

  it('are whole seconds at the finest, never milliseconds', () => {
    expect(TIME_AXIS_STEPS[0]).toBe(1);
    expect(timeTickLabel(at(14, 5, 38), 1)).toBe('14:05:38');
    expect(timeTickLabel(at(9, 0, 5), 30)).toBe('09:00:05');
  });

  it('drop the seconds once ticks are minutes apart, and show the day once days apart', () => {
    expect(timeTickLabel(at(14, 5, 0), 300)).toBe('14:05');
    expect(timeTickLabel(at(0, 0, 0), 86_400)).toBe(
      new Date(2026, 11, 6).toLocaleDateString(undefined, { month: 'short', day: 'numeric' }),
    );
  });
});
