import type { TelemetryPoint, TelemetrySample } from '@tcpa/contracts';
import { SeriesBuffer } from './series-buffer.ts';

/** The agent page's five charts, each a buffer of columns. */
export interface AgentCharts {
  throughput: SeriesBuffer;
  cpu: SeriesBuffer;
  memory: SeriesBuffer;
  disk: SeriesBuffer;
  rtt: SeriesBuffer;
}

export const LIVE_CAPACITY = 20_000;

export function createAgentCharts(capacity = LIVE_CAPACITY): AgentCharts {
  return {
    throughput: new SeriesBuffer(1, capacity),
    cpu: new SeriesBuffer(1, capacity),
    memory: new SeriesBuffer(1, capacity),
    disk: new SeriesBuffer(1, capacity),
    rtt: new SeriesBuffer(1, capacity),
  };
}

export function addLiveSample(charts: AgentCharts, sample: TelemetrySample) {
  const t = sample.ts / 1000;
  charts.throughput.push(t, [sample.throughputBps]);
  charts.cpu.push(t, [sample.cpuPct]);
  charts.memory.push(t, [sample.memUsedBytes]);
  charts.disk.push(t, [sample.diskFreeBytes]);
  charts.rtt.push(t, [sample.rttMs]);
}

export function addHistoryPoint(charts: AgentCharts, point: TelemetryPoint) {
  const t = Date.parse(point.ts) / 1000;
  charts.throughput.push(t, [point.throughputBps]);
  charts.cpu.push(t, [point.cpuPct]);
  charts.memory.push(t, [point.memUsedBytes]);
  charts.disk.push(t, [point.diskFreeBytes]);
  charts.rtt.push(t, [point.rttMs]);
}

export function clearCharts(charts: AgentCharts) {
  for (const buffer of Object.values(charts)) buffer.clear();
}
