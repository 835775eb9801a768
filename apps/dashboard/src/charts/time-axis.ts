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
