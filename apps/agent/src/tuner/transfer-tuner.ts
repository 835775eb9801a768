import type { TuningDecision, TuningSetting, TuningSummary } from '@tcpa/contracts';
import type { Log } from '../log.ts';
import type { TransferSample } from '../transfer/send-measurements.ts';
import { type IntervalVerdict, judgeInterval } from './interval-verdict.ts';
import { type OptimiserOptions, StreamOptimiser } from './stream-optimiser.ts';
import { readTcpCounters, type TcpCounters } from './tcp-counters.ts';
import { DeliveryMeter, type SocketInfo } from './tcp-info.ts';
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
  /** Measuring time of a probe interval. */
  measureMs?: number;
  /**
   * Settling after a change before measuring: at least this, and `SETTLE_RTTS` RTTs up to
   * `maxSettleMs` (new CUBIC streams overshoot after slow start for about that long).
   */
  settleMs?: number;
  maxSettleMs?: number;
  tickMs?: number;
  /** Where the streams connect: their sockets' kernel TCP info (bytes acked, RTT, retransmissions) is read by it. */
  destinationPort?: number;
  readSocketInfo?: (remotePort: number) => Promise<SocketInfo[] | undefined>;
  /** Fallback where TCP info is not readable: namespace-wide retransmission counters. */
  readCounters?: () => TcpCounters | undefined;
  optimiser?: Partial<Omit<OptimiserOptions, 'start'>>;
  log?: Log;
}

/** Cumulative counters at one moment, from the kernel's TCP info or (without it) from chunk acks. */
interface Reading {
  at: number;
  source: 'kernel' | 'acks';
  bytes: number;
  retransmitted: number | null;
  segmentsOut: number | null;
  rttMs: number | null;
  /** The transfer's own counters then: an interval in which they moved was disturbed. */
  bytesSkipped: number;
  streamFailures: number;
}

const MAX_LATENCY_SAMPLES = 5000;
const SETTLE_RTTS = 20;

/**
 * Drives a running transfer with the optimiser: every probe interval it measures throughput (bytes
 * TCP acknowledged on the transfer's sockets, from `ss`; chunk acks where that is not available),
 * RTT and retransmissions, then applies the optimiser's step and records it. After a change it
 * settles (20 RTTs, within `settleMs`–`maxSettleMs`) before measuring again.
 */
export class TransferTuner {
  readonly decisions: TuningDecision[] = [];
  private readonly optimiser: StreamOptimiser;
  private readonly measureMs: number;
  private readonly settleMs: number;
  private readonly maxSettleMs: number;
  private readonly readCounters: () => TcpCounters | undefined;
  private readonly meter: DeliveryMeter | undefined;
  private timer: NodeJS.Timeout | undefined;
  private window: Reading | undefined;
  private busy = false;
  private changedAt = performance.now();
  private latencies: number[] = [];
  private lastRttMs: number | null = null;
  private reported = 0;
  private intervals = 0;
  /** Why the last interval was not a measurement (recorded once per spell), or undefined after a measurement. */
  private unmeasured: string | undefined;

  constructor(private readonly options: TransferTunerOptions) {
    this.optimiser = new StreamOptimiser({ ...options.optimiser, start: options.start });
    this.measureMs = options.measureMs ?? 1500;
    this.settleMs = options.settleMs ?? 500;
    this.maxSettleMs = Math.max(this.settleMs, options.maxSettleMs ?? 3000);
    this.readCounters = options.readCounters ?? (() => readTcpCounters());
    if (options.destinationPort) {
      this.meter = new DeliveryMeter(options.destinationPort, options.readSocketInfo);
    }
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
    this.timer = setInterval(() => {
      if (this.busy) return;
      this.busy = true;
      this.tick()
        .catch((error: unknown) => this.options.log?.warn(`tuner: ${(error as Error).message}`))
        .finally(() => {
          this.busy = false;
        });
    }, this.options.tickMs ?? 100);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Decisions not handed out yet, oldest first, at most `limit` (for the next progress report). */
  takeUnreported(limit = Number.POSITIVE_INFINITY): TuningDecision[] {
    const fresh = this.decisions.slice(this.reported, this.reported + limit);
    this.reported += fresh.length;
    return fresh;
  }

  /** Decisions handed out but not delivered: handed out again next time. */
  returnUnreported(decisions: TuningDecision[]): void {
    const first = decisions[0];
    if (first) this.reported = Math.min(this.reported, first.seq);
  }

  /**
   * Where it ended, once it measured enough to say (what the path's history should keep). Only
   * measurements count: a transfer that ran at its bandwidth limit or through an outage leaves the
   * path's history as it was.
   */
  summary(): TuningSummary | undefined {
    if (this.intervals < 3 || this.optimiser.bestThroughputBps <= 0) return undefined;
    return { ...this.optimiser.best, rateBps: Math.round(this.optimiser.bestThroughputBps), rttMs: this.lastRttMs };
  }

  private async tick(): Promise<void> {
    const now = performance.now();
    const sample = this.options.transfer.sample();
    for (const latency of sample.ackLatenciesMs) {
      if (this.latencies.length < MAX_LATENCY_SAMPLES) this.latencies.push(latency);
    }
    if (!this.window) {
      const since = now - this.changedAt;
      // New streams need their handshakes and slow start. Retired ones still send what they hold,
      // which is why only the active streams' sockets are measured (`sample.localPorts`).
      const settle = Math.min(this.maxSettleMs, Math.max(this.settleMs, SETTLE_RTTS * (this.lastRttMs ?? 0)));
      if (since >= settle) await this.openWindow(sample);
      return;
    }
    if (now - this.window.at < this.measureMs) return;
    const reading = await this.read(sample);
    if (!this.timer) return; // stopped meanwhile
    if (reading.source !== this.window.source) {
      this.startWindow(reading);
      return;
    }
    const measurement = this.measurement(this.window, reading);
    const verdict = judgeInterval({
      throughputBps: measurement.throughputBps,
      elapsedMs: reading.at - this.window.at,
      bandwidthLimitBps: sample.bandwidthLimitBps,
      streamFailures: reading.streamFailures - this.window.streamFailures,
      bytesSkipped: reading.bytesSkipped - this.window.bytesSkipped,
    });
    if (verdict.kind !== 'measurement') {
      this.hold(verdict, measurement, reading);
      return;
    }
    this.unmeasured = undefined;
    if (measurement.rttMs !== null) this.lastRttMs = Math.round(measurement.rttMs * 10) / 10;
    this.intervals += 1;
    const from = this.optimiser.setting;
    const step = this.optimiser.next(measurement);
    if (!step) {
      this.startWindow(reading);
      return;
    }
    if (step.to.streams !== from.streams) this.options.transfer.setStreams(step.to.streams);
    if (step.to.chunkSize !== from.chunkSize) this.options.transfer.setChunkSize(step.to.chunkSize);
    this.record(from, step.to, measurement, step.baselineBps, step.reason);
    this.options.log?.info(
      `tuner: ${from.streams}→${step.to.streams} streams, ${from.chunkSize}→${step.to.chunkSize} B chunks: ${step.reason}`,
    );
    this.changedAt = performance.now();
    this.window = undefined;
  }

  /**
   * An interval that did not measure the setting: the setting stays, and the optimiser is not fed.
   * After a disturbance, streams reconnect and ramp up again, so it settles before measuring.
   */
  private hold(verdict: Exclude<IntervalVerdict, { kind: 'measurement' }>, measurement: Measurement, reading: Reading) {
    const setting = this.optimiser.setting;
    const reason = `${verdict.kind === 'limited' ? '' : 'not a measurement: '}${verdict.why}; holding ${setting.streams} stream${setting.streams === 1 ? '' : 's'}`;
    const spell = verdict.kind === 'limited' ? 'limited' : verdict.cause;
    if (this.unmeasured !== spell) {
      this.unmeasured = spell;
      this.record(setting, setting, measurement, null, reason);
      this.options.log?.info(`tuner: ${reason}`);
    }
    if (verdict.kind === 'limited') {
      this.startWindow(reading);
      return;
    }
    this.changedAt = performance.now();
    this.window = undefined;
  }

  private measurement(start: Reading, end: Reading): Measurement {
    const elapsedMs = Math.max(1, end.at - start.at);
    const segments = start.segmentsOut === null || end.segmentsOut === null ? 0 : end.segmentsOut - start.segmentsOut;
    const retransmitted =
      start.retransmitted === null || end.retransmitted === null ? 0 : end.retransmitted - start.retransmitted;
    return {
      throughputBps: ((end.bytes - start.bytes) * 8 * 1000) / elapsedMs,
      rttMs: end.rttMs ?? median(this.latencies),
      lossRate: segments > 0 ? Math.min(1, Math.max(0, retransmitted / segments)) : null,
    };
  }

  private async read(sample: TransferSample): Promise<Reading> {
    const delivery = this.meter ? await this.meter.measure(sample.localPorts) : undefined;
    const at = performance.now();
    if (delivery) {
      return {
        at,
        source: 'kernel',
        bytes: delivery.bytesAcked,
        retransmitted: delivery.retransmitted,
        segmentsOut: delivery.segmentsOut,
        rttMs: delivery.rttMs,
        bytesSkipped: sample.bytesSkipped,
        streamFailures: sample.streamFailures,
      };
    }
    const counters = this.readCounters();
    return {
      at,
      source: 'acks',
      bytes: sample.bytesAcked,
      retransmitted: counters?.retransmittedSegments ?? null,
      segmentsOut: counters?.outSegments ?? null,
      rttMs: null,
      bytesSkipped: sample.bytesSkipped,
      streamFailures: sample.streamFailures,
    };
  }

  private async openWindow(sample: TransferSample): Promise<void> {
    this.startWindow(await this.read(sample));
  }

  private startWindow(reading: Reading): void {
    this.window = reading;
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
