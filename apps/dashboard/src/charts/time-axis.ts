/** Half the window a time axis shows around a lone point (or points all at one time), in seconds. */
export const LONE_POINT_HALF_WINDOW_SECONDS = 60;

/**
 * The x range (seconds) of a time chart: the data's own span, a lone point a minute each side.
 * uPlot pads the span of a single point by 86,400 s / 1 ms before asking (an axis from 2027 to
 * 2029): charts set that window themselves (`loneTimeWindow`).
 */
export function timeAxisRange(dataMin: number | null, dataMax: number | null): [number | null, number | null] {
  if (dataMin === null || dataMax === null) return [dataMin, dataMax];
  if (dataMax > dataMin) return [dataMin, dataMax];
  return [dataMin - LONE_POINT_HALF_WINDOW_SECONDS, dataMax + LONE_POINT_HALF_WINDOW_SECONDS];
}

/** The x window for data at a single time, which uPlot would pad by years; null for any other data. */
export function loneTimeWindow(times: ArrayLike<number>): { min: number; max: number } | null {
  const first = times[0];
  if (first === undefined || times[times.length - 1] !== first) return null;
  return { min: first - LONE_POINT_HALF_WINDOW_SECONDS, max: first + LONE_POINT_HALF_WINDOW_SECONDS };
}

/** The scales every time chart uses: time on x, fitted to the data. */
export const TIME_CHART_SCALES = {
  x: {
    time: true,
    range: (_chart: unknown, dataMin: number | null, dataMax: number | null) => timeAxisRange(dataMin, dataMax),
  },
};

/**
 * Tick steps of the time axis, in seconds: whole seconds at least. uPlot's own go down to
 * milliseconds, and a chart a few seconds wide read ":38.000".
 */
export const TIME_AXIS_STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800,
];

const two = (n: number) => String(n).padStart(2, '0');

/** A tick's label in the viewer's time zone: seconds only when the ticks are seconds apart, the date once days apart. */
export function timeTickLabel(seconds: number, step: number): string {
  const at = new Date(seconds * 1000);
  const clock = `${two(at.getHours())}:${two(at.getMinutes())}`;
  if (step < 60) return `${clock}:${two(at.getSeconds())}`;
  if (step < 86_400) return clock;
  return at.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}
