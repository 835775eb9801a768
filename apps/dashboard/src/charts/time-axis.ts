/** Half the window a time axis shows around a lone point (or points all at one time), in seconds. */
export const LONE_POINT_HALF_WINDOW_SECONDS = 60;

/**
 * The x range (seconds) of a time chart: the data's own span. uPlot pads a zero span by orders
 * of magnitude, so one point drew an axis from 2027 to 2029; a lone point gets a minute each side.
 */
export function timeAxisRange(dataMin: number | null, dataMax: number | null): [number | null, number | null] {
  if (dataMin === null || dataMax === null) return [dataMin, dataMax];
  if (dataMax > dataMin) return [dataMin, dataMax];
  return [dataMin - LONE_POINT_HALF_WINDOW_SECONDS, dataMax + LONE_POINT_HALF_WINDOW_SECONDS];
}

/** The scales every time chart uses: time on x, fitted to the data. */
export const TIME_CHART_SCALES = {
  x: {
    time: true,
    range: (_chart: unknown, dataMin: number | null, dataMax: number | null) => timeAxisRange(dataMin, dataMax),
  },
};
