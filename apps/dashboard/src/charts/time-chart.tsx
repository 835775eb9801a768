import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SeriesBuffer } from './series-buffer.ts';
import { loneTimeWindow, TIME_AXIS_STEPS, TIME_CHART_SCALES, timeTickLabel } from './time-axis.ts';

export interface ChartHandle {
  redraw: () => void;
}

/** One uPlot chart over a SeriesBuffer; the page calls `redraw` (throttled) when the buffer grew. */
export function TimeChart({
  title,
  buffer,
  series,
  format,
  register,
}: {
  title: string;
  buffer: SeriesBuffer;
  series: Array<{ label: string; stroke: string }>;
  format: (value: number) => string;
  register: (handle: ChartHandle | null) => void;
}) {
  const host = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is made once per buffer
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const width = () => Math.max(240, element.clientWidth);
    const plot = new uPlot(
      {
        width: width(),
        height: 180,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        scales: TIME_CHART_SCALES as uPlot.Options['scales'],
        axes: [
          {
            incrs: TIME_AXIS_STEPS,
            values: (_u, ticks, _axis, _space, step) => ticks.map((tick) => timeTickLabel(tick, step)),
          },
          { values: (_u, values) => values.map((v) => format(v)), size: 86 },
        ],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.stroke,
            width: 1.5,
            spanGaps: false,
            value: (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)),
          })),
        ],
      },
      buffer.data() as uPlot.AlignedData,
      element,
    );
    const draw = () => {
      const data = buffer.data() as uPlot.AlignedData;
      const lone = loneTimeWindow(data[0]);
      if (!lone) return plot.setData(data);
      plot.batch(() => {
        plot.setData(data, false);
        plot.setScale('x', lone);
      });
    };
    draw();
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 180 }));
    resize.observe(element);
    register({ redraw: draw });
    return () => {
      register(null);
      resize.disconnect();
      plot.destroy();
    };
  }, [buffer]);

  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={host} className="chart-host" role="img" aria-label={`${title} over time`} />
    </figure>
  );
}
