import type { TuningDecision, TuningSetting } from '@tcpa/contracts';
import { StreamOptimiser } from '../tuner/stream-optimiser.ts';

const MIB = 1024 * 1024;
/** Part sizes an upload may move between: S3's least is 5 MiB, and a tuning setting's chunk at most 16 MiB. */
export const CLOUD_PART_SIZES = [8 * MIB, 16 * MIB];
/** Requests to the store at once, at most. */
const MAX_CONCURRENCY = 32;
/** Parts in memory at once (each in-flight part is a buffer): 2 × concurrency × part size within this. */
const MAX_BYTES_IN_FLIGHT = 512 * MIB;
/** A part finishes in one piece: shorter intervals would measure how parts fall, not the rate. */
export const CLOUD_TUNE_INTERVAL_MS = 2_000;

export interface CloudTunerOptions {
  start: TuningSetting;
  /** Whether the part size may move (uploads); a download's ranges keep theirs (its journal counts in them). */
  tunePartSize: boolean;
  /** Bytes done so far: what an interval moved is the difference. */
  bytesDone: () => number;
  now?: () => number;
  random?: () => number;
}

/**
 * The online tuner of a cloud transfer: requests to the store at once (the "streams") and, for an
 * upload, the part size of files begun from then on, moved by the same optimiser as an agent's
 * streams and chunks, on the bytes the store took per interval. An interval that moved nothing
 * (hashing, listing, asking the control plane) is no measurement: the setting holds.
 */
export class CloudTuner {
  private readonly optimiser: StreamOptimiser;
  private readonly now: () => number;
  private readonly pending: TuningDecision[] = [];
  private seq = 0;
  private last: { at: number; bytes: number };
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: CloudTunerOptions) {
    this.now = options.now ?? (() => Date.now());
    this.optimiser = new StreamOptimiser({
      start: options.start,
      maxStreams: MAX_CONCURRENCY,
      chunkSizes: options.tunePartSize ? CLOUD_PART_SIZES : [options.start.chunkSize],
      maxBytesInFlight: MAX_BYTES_IN_FLIGHT,
      // Requests answered by a store, not TCP streams sharing a link: more of them cost little.
      weights: { streamPenalty: 1.005, lossPenalty: 0 },
      ...(options.random && { random: options.random }),
    });
    this.last = { at: this.now(), bytes: options.bytesDone() };
  }

  get concurrency(): number {
    return this.optimiser.setting.streams;
  }

  get partSizeBytes(): number {
    return this.optimiser.setting.chunkSize;
  }

  start(intervalMs = CLOUD_TUNE_INTERVAL_MS): void {
    this.timer = setInterval(() => this.tick(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Decisions made since the last call, oldest first (for the next progress report). */
  takeDecisions(): TuningDecision[] {
    return this.pending.splice(0);
  }

  /** One interval: its rate fed to the optimiser, and the change it asks for applied and recorded. */
  tick(): void {
    const at = this.now();
    const bytes = this.options.bytesDone();
    const elapsedMs = at - this.last.at;
    const moved = bytes - this.last.bytes;
    this.last = { at, bytes };
    if (moved <= 0 || elapsedMs <= 0) return;
    const from = this.optimiser.setting;
    const throughputBps = (moved * 8000) / elapsedMs;
    const step = this.optimiser.next({ throughputBps, rttMs: null, lossRate: null });
    if (!step) return;
    this.pending.push({
      seq: this.seq++,
      at: new Date(at).toISOString(),
      from,
      to: step.to,
      throughputBps: Math.round(throughputBps),
      baselineBps: step.baselineBps === null ? null : Math.round(step.baselineBps),
      rttMs: null,
      lossRate: null,
      reason: step.reason.slice(0, 500),
    });
  }
}
