import type { TuningDecision, TuningSetting, TuningSummary } from '@tcpa/contracts';
import type { Log } from '../log.ts';
import type { TransferSample } from '../transfer/send-transfer.ts';
import { type OptimiserOptions, StreamOptimiser } from './stream-optimiser.ts';
import { readTcpCounters, retransmissionRate, type TcpCounters } from './tcp-counters.ts';
import type { Measurement } from './utility.ts';

/** The knobs of a running transfer the tuner turns (what `sendTransfer` returns). */
export interface TunableTransfer {
  sample(): TransferSample;
  setStreams(count: number): void;
  setChunkSize(bytes: number): void;
}

export interface TransferTunerOptions {
  transfer: TunableTransfer;
  start: TuningSetting;
  /** Says where the start came from (e.g. the path's history); recorded as the first decision. */
  startedFrom?: { setting: TuningSetting; reason: string };
  /** A probe interval: settling after a change, then measuring. */
  intervalMs?: number;
  settleMs?: number;
  tickMs?: number;
  readCounters?: () => TcpCounters | undefined;
  optimiser?: Partial<Omit<OptimiserOptions, 'start'>>;
  log?: Log;
}

interface Window {
  at: number;
  bytes: number;
  counters: TcpCounters | undefined;
}

const MAX_LATENCY_SAMPLES = 5000;

/**
 * Drives a running transfer with the optimiser: every probe interval it measures throughput (bytes
 * the streams hand to the kernel, which moves smoothly where chunk acks come in lumps), chunk-ack
 * latency and the namespace's retransmissions, then applies the optimiser's step and records it.
 * After a change it waits `settleMs` (and for retired streams to drain) before measuring again.
 */
export class TransferTuner {
  readonly decisions: TuningDecision[] = [];
  private readonly optimiser: StreamOptimiser;
  private readonly intervalMs: number;
  private readonly settleMs: number;
  private readonly readCounters: () => TcpCounters | undefined;
  private timer: NodeJS.Timeout | undefined;
  private window: Window | undefined;
  private changedAt = performance.now();
  private latencies: number[] = [];
  private lastRttMs: number | null = null;
  private reported = 0;
  private intervals = 0;

  constructor(private readonly options: TransferTunerOptions) {
    this.optimiser = new StreamOptimiser({ ...options.optimiser, start: options.start });
    this.intervalMs = options.intervalMs ?? 2000;
    this.settleMs = Math.min(options.settleMs ?? 500, this.intervalMs / 2);
    this.readCounters = options.readCounters ?? (() => readTcpCounters());
  }

  get setting(): TuningSetting {
    return this.optimiser.setting;
  }

  start(): void {
    const { transfer, start, startedFrom } = this.options;
    transfer.setStreams(start.streams);
    transfer.setChunkSize(start.chunkSize);
    if (startedFrom)
      this.record(
        startedFrom.setting,
        start,
        { throughputBps: 0, rttMs: null, lossRate: null },
        null,
        startedFrom.reason,
      );
    this.changedAt = performance.now();
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 100);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Decisions not handed out yet (for the next progress report). */
  takeUnreported(): TuningDecision[] {
    const fresh = this.decisions.slice(this.reported);
    this.reported = this.decisions.length;
    return fresh;
  }

  /** Where it ended, once it measured enough to say (what the path's history should keep). */
  summary(): TuningSummary | undefined {
    if (this.intervals < 3) return undefined;
    return { ...this.optimiser.best, rateBps: Math.round(this.optimiser.bestThroughputBps), rttMs: this.lastRttMs };
  }

  private tick(): void {
    const now = performance.now();
    const sample = this.options.transfer.sample();
    for (const latency of sample.ackLatenciesMs) {
      if (this.latencies.length < MAX_LATENCY_SAMPLES) this.latencies.push(latency);
    }
    if (!this.window) {
      const since = now - this.changedAt;
      const drained = sample.activeStreams <= sample.targetStreams || since >= 3 * this.intervalMs;
      if (since >= this.settleMs && drained) this.openWindow(now, sample);
      return;
    }
    const elapsed = now - this.window.at;
    if (elapsed < this.intervalMs - this.settleMs) return;
    const counters = this.readCounters();
    const measurement: Measurement = {
      throughputBps: ((sample.bytesWritten - this.window.bytes) * 8 * 1000) / elapsed,
      rttMs: median(this.latencies),
      lossRate: retransmissionRate(this.window.counters, counters),
    };
    if (measurement.rttMs !== null) this.lastRttMs = Math.round(measurement.rttMs * 10) / 10;
    this.intervals += 1;
    const from = this.optimiser.setting;
    const step = this.optimiser.next(measurement);
    if (!step) {
      this.openWindow(now, sample, counters);
      return;
    }
    if (step.to.streams !== from.streams) this.options.transfer.setStreams(step.to.streams);
    if (step.to.chunkSize !== from.chunkSize) this.options.transfer.setChunkSize(step.to.chunkSize);
    this.record(from, step.to, measurement, step.baselineBps, step.reason);
    this.options.log?.info(
      `tuner: ${from.streams}→${step.to.streams} streams, ${from.chunkSize}→${step.to.chunkSize} B chunks: ${step.reason}`,
    );
    this.changedAt = now;
    this.window = undefined;
  }

  private openWindow(now: number, sample: TransferSample, counters = this.readCounters()): void {
    this.window = { at: now, bytes: sample.bytesWritten, counters };
    this.latencies = [];
  }

  private record(
    from: TuningSetting,
    to: TuningSetting,
    measurement: Measurement,
    baselineBps: number | null,
    reason: string,
  ): void {
    this.decisions.push({
      seq: this.decisions.length,
      at: new Date().toISOString(),
      from: { ...from },
      to: { ...to },
      throughputBps: Math.round(measurement.throughputBps),
      baselineBps: baselineBps === null ? null : Math.round(baselineBps),
      rttMs: measurement.rttMs === null ? null : Math.round(measurement.rttMs * 10) / 10,
      lossRate: measurement.lossRate,
      reason: reason.slice(0, 500),
    });
  }
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}
