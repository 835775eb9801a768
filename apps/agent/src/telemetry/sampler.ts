import type { Log } from '../log.ts';
import type { TelemetryReading } from './outbox.ts';
import {
  type CpuTimes,
  cpuPercentBetween,
  type NetCounters,
  readCpuTimes,
  readDiskFree,
  readMemory,
  readNetCounters,
} from './system-metrics.ts';

/** What the transfer engine reports; zeros until it exists. */
export interface TransferActivity {
  activeTransfers: number;
  /** Bytes moved over the data channel both ways since the agent started (sent and received). */
  dataChannelBytes: number;
}

export interface TelemetrySamplerDeps {
  /** Directories whose file systems' free space is reported. */
  roots: readonly string[];
  /** Last measured round trip to the server, or null. */
  rttMs: () => number | null;
  onSample: (reading: TelemetryReading) => void;
  transfers?: () => TransferActivity;
  readNetCounters?: () => Promise<NetCounters>;
  log: Log;
  now?: () => number;
}

export const MIN_INTERVAL_MS = 100;
export const FIRST_READING_AFTER_MS = 1_000;

/**
 * Measures the machine every `intervalMs` while started (the host starts it only while the
 * agent is active) and hands each reading to `onSample`. CPU is the overall share of all cores
 * (0–100) since the previous reading. `errors` counts the errors reported through countError()
 * since the previous reading.
 */
export class TelemetrySampler {
  private timer: NodeJS.Timeout | null = null;
  private currentIntervalMs: number | null = null;
  private previousCpu: CpuTimes = readCpuTimes();
  private errorsSinceLastSample = 0;
  private busy = false;
  /** Data-channel bytes at the previous reading: throughput is what moved since, over the time since. */
  private previousTraffic: { at: number; bytes: number };

  constructor(private readonly deps: TelemetrySamplerDeps) {
    this.previousTraffic = { at: performance.now(), bytes: deps.transfers?.().dataChannelBytes ?? 0 };
  }

  get intervalMs(): number | null {
    return this.currentIntervalMs;
  }

  /**
   * Starts sampling, or restarts the timer when the interval changed. Starting from stopped, the
   * first reading comes after at most FIRST_READING_AFTER_MS, then one every interval.
   */
  start(intervalMs: number): void {
    const interval = Math.max(MIN_INTERVAL_MS, Math.round(intervalMs));
    if (this.timer && interval === this.currentIntervalMs) return;
    const wasRunning = this.timer !== null;
    this.stop();
    this.currentIntervalMs = interval;
    const every = () => setInterval(() => void this.tick(), interval);
    if (wasRunning || interval <= FIRST_READING_AFTER_MS) {
      this.timer = every();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = every();
      void this.tick();
    }, FIRST_READING_AFTER_MS);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer); // clears an interval too
    this.timer = null;
    this.currentIntervalMs = null;
  }

  countError(): void {
    this.errorsSinceLastSample++;
  }

  /** Takes one reading now. */
  async sample(): Promise<TelemetryReading> {
    const ts = (this.deps.now ?? Date.now)();
    const cpu = readCpuTimes();
    const cpuPct = cpuPercentBetween(this.previousCpu, cpu);
    this.previousCpu = cpu;
    const [disk, net] = await Promise.all([
      readDiskFree(this.deps.roots),
      (this.deps.readNetCounters ?? readNetCounters)(),
    ]);
    const transfers = this.deps.transfers?.() ?? { activeTransfers: 0, dataChannelBytes: 0 };
    const traffic = { at: performance.now(), bytes: transfers.dataChannelBytes };
    const movedBytes = Math.max(0, traffic.bytes - this.previousTraffic.bytes);
    const throughputBps = Math.round((movedBytes * 8000) / Math.max(1, traffic.at - this.previousTraffic.at));
    this.previousTraffic = traffic;
    const errors = this.errorsSinceLastSample + disk.failures;
    this.errorsSinceLastSample = 0;
    return {
      ts,
      cpuPct: Math.round(cpuPct * 10) / 10,
      ...readMemory(),
      diskFreeBytes: disk.bytes,
      diskTotalBytes: disk.totalBytes,
      ...net,
      activeTransfers: transfers.activeTransfers,
      throughputBps,
      rttMs: roundRtt(this.deps.rttMs()),
      errors,
    };
  }

  private async tick(): Promise<void> {
    if (this.busy) return; // the previous reading is still being taken
    this.busy = true;
    try {
      const reading = await this.sample();
      if (this.timer) this.deps.onSample(reading);
    } catch (error) {
      this.countError();
      this.deps.log.error(`telemetry sampling failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.busy = false;
    }
  }
}

function roundRtt(rttMs: number | null): number | null {
  return rttMs === null ? null : Math.round(rttMs * 10) / 10;
}
