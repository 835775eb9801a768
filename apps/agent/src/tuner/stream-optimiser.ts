import type { TuningSetting } from '@tcpa/contracts';
import { DEFAULT_WEIGHTS, type Measurement, type UtilityWeights, utility } from './utility.ts';

export type { TuningSetting };

export interface OptimiserOptions {
  start: TuningSetting;
  maxStreams?: number;
  /** Chunk sizes it may try, ascending; the start's chunk size is added if missing. */
  chunkSizes?: number[];
  /**
   * Bytes all streams may hold unacknowledged together. Each stream holds about two chunks, so
   * many streams get smaller chunks (64 streams of 16 MiB chunks would hold 2 GiB).
   */
  maxBytesInFlight?: number;
  weights?: UtilityWeights;
  /** More streams must raise utility by this share to be kept (noise must not buy streams). */
  margin?: number;
  /**
   * Intervals held steady before probing a neighbour setting (plus 0–2 at random); doubled once a
   * neighbour probe did not pay, and back to this when one pays or the path changes.
   */
  holdIntervals?: number;
  /** Jitters the hold, so tuners that started together do not probe in lockstep; [0, 1). */
  random?: () => number;
  /** A change of throughput at the held setting, as a share, that means the path changed. */
  shiftThreshold?: number;
}

/** A change of setting for the next interval, and why. */
export interface Step {
  to: TuningSetting;
  reason: string;
  /** Throughput of the setting the measured one was compared with, when it was a comparison. */
  baselineBps: number | null;
}

interface Incumbent {
  setting: TuningSetting;
  throughputBps: number;
  utility: number;
}

type Direction = 'up' | 'down';
type Comparing =
  | { kind: 'probe'; direction: Direction; accepted: number; thenChunks: boolean; rechecked?: boolean }
  | { kind: 'refine'; thenChunks: boolean; rechecked?: boolean }
  | { kind: 'chunk'; tried: number[]; rechecked?: boolean };
type Phase =
  | { kind: 'measure'; why: string; warmUp: number }
  | Comparing
  | { kind: 'recheck'; candidate: Incumbent; resume: Comparing }
  | { kind: 'hold'; steady: number; shifted: number; length: number };

const MIB = 1024 * 1024;
export const DEFAULT_CHUNK_SIZES = [1 * MIB, 4 * MIB, 16 * MIB];
/** Intervals in a row a held setting's throughput must stay off before the tuner starts over (one is noise). */
const SHIFT_INTERVALS = 3;
/** A held setting's throughput changing by this factor is no noise: the tuner starts over at once. */
const JUMP_FACTOR = 3;
/** The largest first step of a search after throughput fell: streams × the factor it fell by, up to this. */
const MAX_RESTART_FACTOR = 16;
/** A candidate this much better than the incumbent is kept without re-measuring the incumbent. */
const CLEAR_WIN = 1.2;
/** Neighbour probes cost throughput while they run: the hold doubles per unpaid probe, this many times at most. */
const MAX_HOLD_DOUBLINGS = 1;

/**
 * Online hill climbing over stream count (1–64) and chunk size, one probe interval at a time:
 * multiplicative search for streams (×4 while throughput grows about linearly, else ×2), then one
 * refining probe between the best and the first setting that did not pay, a chunk-size probe, then
 * hold with hysteresis. A candidate that did not clearly win is judged against the incumbent
 * measured again right after it (A/B/A). Held, it probes a neighbour (±25%) now and then, which
 * walks two tuners sharing a bottleneck to the same stream count, and starts over when throughput
 * at the held setting shifts (at once when it changed threefold, with a first step as large as the
 * fall). Pure: the caller measures, calls `next`, and applies the returned step.
 */
export class StreamOptimiser {
  private incumbent: Incumbent | undefined;
  private current: TuningSetting;
  // The first interval carries connection set-up and slow start's overshoot: it is not the setting's rate.
  private phase: Phase = { kind: 'measure', why: 'first measurement', warmUp: 1 };
  private readonly maxStreams: number;
  private readonly chunkSizes: number[];
  private readonly maxBytesInFlight: number;
  private readonly weights: UtilityWeights;
  private readonly margin: number;
  private readonly holdIntervals: number;
  private readonly shiftThreshold: number;
  private readonly random: () => number;
  private nextHoldProbe: Direction = 'up';
  /** Streams held when the running neighbour probe started; undefined when none runs. */
  private neighbourProbeFrom: number | undefined;
  private unpaidNeighbourProbes = 0;

  constructor(options: OptimiserOptions) {
    this.maxStreams = options.maxStreams ?? 64;
    this.current = { streams: this.clampStreams(options.start.streams), chunkSize: options.start.chunkSize };
    this.chunkSizes = [...new Set([...(options.chunkSizes ?? DEFAULT_CHUNK_SIZES), options.start.chunkSize])].sort(
      (a, b) => a - b,
    );
    this.maxBytesInFlight = options.maxBytesInFlight ?? 512 * MIB;
    this.weights = options.weights ?? DEFAULT_WEIGHTS;
    this.margin = options.margin ?? 0.05;
    this.holdIntervals = options.holdIntervals ?? 4;
    this.shiftThreshold = options.shiftThreshold ?? 0.3;
    this.random = options.random ?? Math.random;
  }

  get setting(): TuningSetting {
    return { ...this.current };
  }

  /** The best setting measured so far (what to remember for this path). */
  get best(): TuningSetting {
    return { ...(this.incumbent?.setting ?? this.current) };
  }

  /** Throughput measured at the best setting (recent average while holding); 0 before the first interval. */
  get bestThroughputBps(): number {
    return this.incumbent?.throughputBps ?? 0;
  }

  /** Feeds one interval measured at the current setting; returns the change to make, if any. */
  next(measurement: Measurement): Step | undefined {
    const measured = { setting: this.current, ...this.score(this.current, measurement) };
    switch (this.phase.kind) {
      case 'measure':
        if (this.phase.warmUp > 0) {
          this.phase = { ...this.phase, warmUp: this.phase.warmUp - 1 };
          return undefined;
        }
        this.incumbent = measured;
        return this.startSearch('up', 2, `${this.phase.why}: ${mbps(measured.throughputBps)}`);
      case 'probe':
      case 'refine':
      case 'chunk':
        return this.compare(this.phase, measured);
      case 'recheck':
        return this.afterRecheck(this.phase, measured);
      case 'hold':
        return this.whileHolding(this.phase, measured);
    }
  }

  private score(setting: TuningSetting, measurement: Measurement) {
    return {
      throughputBps: measurement.throughputBps,
      utility: utility(measurement, setting.streams, this.weights),
    };
  }

  private startSearch(direction: Direction, factor: number, context: string): Step | undefined {
    const incumbent = this.incumbent as Incumbent;
    const streams = this.stepStreams(incumbent.setting.streams, direction, factor);
    if (streams === incumbent.setting.streams) {
      if (direction === 'up') return this.startSearch('down', 2, context);
      return this.startChunkProbe(context);
    }
    this.phase = { kind: 'probe', direction, accepted: 0, thenChunks: true };
    return this.move(
      { ...incumbent.setting, streams },
      `${context}; probing ${direction === 'up' ? 'more' : 'fewer'} streams`,
      null,
    );
  }

  /**
   * A candidate is compared with the incumbent measured just after it (A/B/A), unless it clearly
   * won: the incumbent's figure is older, and at high RTT new CUBIC streams overshoot for seconds,
   * so an incumbent measured right after its own change, or before the path changed, misleads.
   */
  private compare(phase: Comparing, measured: Incumbent): Step | undefined {
    const incumbent = this.incumbent as Incumbent;
    if (!phase.rechecked && measured.utility <= incumbent.utility * CLEAR_WIN) {
      this.phase = { kind: 'recheck', candidate: measured, resume: { ...phase, rechecked: true } };
      return this.move(
        incumbent.setting,
        `${describeSetting(measured.setting)} gave ${mbps(measured.throughputBps)}; re-measuring ${describeSetting(incumbent.setting)} before deciding`,
        incumbent.throughputBps,
      );
    }
    switch (phase.kind) {
      case 'probe':
        return this.afterStreamProbe(phase, measured);
      case 'refine':
        return this.afterRefine(phase, measured);
      case 'chunk':
        return this.afterChunkProbe(phase, measured);
    }
  }

  private afterRecheck(phase: Extract<Phase, { kind: 'recheck' }>, measured: Incumbent): Step | undefined {
    const before = this.incumbent as Incumbent;
    this.incumbent = measured;
    const ratio = measured.throughputBps / Math.max(1, before.throughputBps);
    if (ratio >= JUMP_FACTOR || ratio <= 1 / JUMP_FACTOR)
      return this.restart(before, measured, 'since it was last measured');
    const step = this.compare(phase.resume, phase.candidate);
    const note = `re-measured ${describeSetting(measured.setting)}: ${mbps(measured.throughputBps)} (was ${mbps(before.throughputBps)})`;
    return step && { ...step, reason: `${note}; ${step.reason}` };
  }

  private afterStreamProbe(phase: Extract<Phase, { kind: 'probe' }>, measured: Incumbent): Step | undefined {
    const incumbent = this.incumbent as Incumbent;
    const effect = describeEffect(incumbent, measured);
    if (this.isBetter(measured, incumbent)) {
      const gain = measured.throughputBps / Math.max(1, incumbent.throughputBps);
      const ratio = measured.setting.streams / incumbent.setting.streams;
      this.incumbent = measured;
      // Throughput that grows about as fast as the streams: the next step may be bigger.
      const factor = phase.direction === 'up' && gain >= 0.85 * ratio && ratio >= 2 ? 4 : 2;
      const streams = this.stepStreams(measured.setting.streams, phase.direction, factor);
      if (streams === measured.setting.streams) return this.settle(phase.thenChunks, `kept: ${effect}; at the limit`);
      this.phase = { ...phase, accepted: phase.accepted + 1, rechecked: false };
      return this.move({ ...measured.setting, streams }, `kept: ${effect}; probing further`, incumbent.throughputBps);
    }
    if (phase.accepted === 0 && phase.thenChunks && phase.direction === 'up' && incumbent.setting.streams > 1) {
      const streams = this.stepStreams(incumbent.setting.streams, 'down', 2);
      this.phase = { kind: 'probe', direction: 'down', accepted: 0, thenChunks: true };
      return this.move(
        { ...incumbent.setting, streams },
        `not worth it: ${effect}; probing fewer streams`,
        incumbent.throughputBps,
      );
    }
    const midpoint = Math.round(Math.sqrt(incumbent.setting.streams * measured.setting.streams));
    if (phase.accepted > 0 && midpoint !== incumbent.setting.streams && midpoint !== measured.setting.streams) {
      this.phase = { kind: 'refine', thenChunks: phase.thenChunks };
      return this.move(
        { ...incumbent.setting, streams: midpoint },
        `not worth it: ${effect}; trying between`,
        incumbent.throughputBps,
      );
    }
    return this.settle(phase.thenChunks, `back: ${effect}`);
  }

  private afterRefine(phase: Extract<Phase, { kind: 'refine' }>, measured: Incumbent): Step | undefined {
    const incumbent = this.incumbent as Incumbent;
    const effect = describeEffect(incumbent, measured);
    if (this.isBetter(measured, incumbent)) {
      this.incumbent = measured;
      return this.settle(phase.thenChunks, `kept: ${effect}`);
    }
    return this.settle(phase.thenChunks, `back: ${effect}`);
  }

  /** A search for streams ended: a full search goes on to chunk sizes, a neighbour probe back to holding. */
  private settle(thenChunks: boolean, context: string): Step | undefined {
    return thenChunks ? this.startChunkProbe(context) : this.hold(context);
  }

  private startChunkProbe(context: string): Step | undefined {
    const incumbent = this.incumbent as Incumbent;
    const candidate = this.nextChunkSize(incumbent.setting.chunkSize, []);
    if (candidate === undefined) return this.hold(context);
    this.phase = { kind: 'chunk', tried: [candidate] };
    return this.move({ ...incumbent.setting, chunkSize: candidate }, `${context}; probing chunk size`, null);
  }

  private afterChunkProbe(phase: Extract<Phase, { kind: 'chunk' }>, measured: Incumbent): Step | undefined {
    const incumbent = this.incumbent as Incumbent;
    const effect = describeEffect(incumbent, measured);
    if (this.isBetter(measured, incumbent)) {
      this.incumbent = measured;
      return this.hold(`kept: ${effect}`);
    }
    const candidate = this.nextChunkSize(incumbent.setting.chunkSize, phase.tried);
    if (candidate === undefined) return this.hold(`back: ${effect}`);
    this.phase = { kind: 'chunk', tried: [...phase.tried, candidate] };
    return this.move(
      { ...incumbent.setting, chunkSize: candidate },
      `not worth it: ${effect}; probing chunk size`,
      incumbent.throughputBps,
    );
  }

  private hold(context: string): Step | undefined {
    const incumbent = this.incumbent as Incumbent;
    if (this.neighbourProbeFrom !== undefined) {
      const paid = incumbent.setting.streams !== this.neighbourProbeFrom;
      this.unpaidNeighbourProbes = paid ? 0 : Math.min(MAX_HOLD_DOUBLINGS, this.unpaidNeighbourProbes + 1);
      this.neighbourProbeFrom = undefined;
    }
    this.phase = { kind: 'hold', steady: 0, shifted: 0, length: this.holdLength() };
    return this.move(incumbent.setting, `${context}; holding`, null);
  }

  private whileHolding(phase: Extract<Phase, { kind: 'hold' }>, measured: Incumbent): Step | undefined {
    const incumbent = this.incumbent as Incumbent;
    const ratio = measured.throughputBps / Math.max(1, incumbent.throughputBps);
    const change = ratio - 1;
    if (Math.abs(change) > this.shiftThreshold) {
      const jumped = ratio >= JUMP_FACTOR || ratio <= 1 / JUMP_FACTOR;
      if (jumped || phase.shifted + 1 >= SHIFT_INTERVALS) return this.restart(incumbent, measured, 'at a held setting');
      this.phase = { ...phase, shifted: phase.shifted + 1 };
      return undefined;
    }
    // Follow slow drift, so a shift is measured against the recent level.
    this.incumbent = {
      setting: incumbent.setting,
      throughputBps: 0.7 * incumbent.throughputBps + 0.3 * measured.throughputBps,
      utility: 0.7 * incumbent.utility + 0.3 * measured.utility,
    };
    if (phase.steady + 1 < phase.length) {
      this.phase = { ...phase, steady: phase.steady + 1, shifted: 0 };
      return undefined;
    }
    let direction = this.nextHoldProbe;
    this.nextHoldProbe = direction === 'up' ? 'down' : 'up';
    if (direction === 'down' && incumbent.setting.streams === 1) direction = 'up';
    if (direction === 'up' && incumbent.setting.streams === this.maxStreams) direction = 'down';
    const streams = this.stepStreams(incumbent.setting.streams, direction, 1.25);
    if (streams === incumbent.setting.streams) {
      this.phase = { ...phase, steady: 0, shifted: 0, length: this.holdLength() };
      return undefined;
    }
    this.phase = { kind: 'probe', direction, accepted: 0, thenChunks: false };
    this.neighbourProbeFrom = incumbent.setting.streams;
    const reason = `steady at ${mbps(incumbent.throughputBps)}; probing ${direction === 'up' ? 'more' : 'fewer'} streams`;
    return this.move({ ...incumbent.setting, streams }, reason, null);
  }

  /** The path changed under a setting: search again from what it gives now. */
  private restart(before: Incumbent, now: Incumbent, where: string): Step | undefined {
    this.incumbent = now;
    this.neighbourProbeFrom = undefined;
    this.unpaidNeighbourProbes = 0;
    const ratio = now.throughputBps / Math.max(1, before.throughputBps);
    const why = `throughput ${ratio > 1 ? 'rose' : 'fell'} ${Math.round(Math.abs(ratio - 1) * 100)}% ${where} (${mbps(before.throughputBps)} → ${mbps(now.throughputBps)}): re-exploring`;
    // Each stream now gets about `ratio` of what it got: 1/ratio times the streams may be needed to refill the link.
    return this.startSearch('up', Math.min(MAX_RESTART_FACTOR, Math.max(2, 1 / ratio)), why);
  }

  private holdLength(): number {
    return this.holdIntervals * 2 ** this.unpaidNeighbourProbes + Math.floor(this.random() * 3);
  }

  /** Fewer streams need only not lose utility; more streams or another chunk size must clear the margin. */
  private isBetter(candidate: Incumbent, incumbent: Incumbent): boolean {
    const fewer = candidate.setting.streams < incumbent.setting.streams;
    const needed = fewer ? 1 : 1 + this.margin;
    return candidate.utility > incumbent.utility * needed;
  }

  private stepStreams(streams: number, direction: Direction, factor: number): number {
    const next =
      direction === 'up'
        ? Math.max(streams + 1, Math.round(streams * factor))
        : Math.min(streams - 1, Math.round(streams / factor));
    return this.clampStreams(next);
  }

  private clampStreams(streams: number): number {
    return Math.max(1, Math.min(this.maxStreams, Math.floor(streams)));
  }

  private nextChunkSize(current: number, tried: number[]): number | undefined {
    const index = this.chunkSizes.indexOf(current);
    const neighbours = [this.chunkSizes[index + 1], this.chunkSizes[index - 1]];
    const streams = this.incumbent?.setting.streams ?? this.current.streams;
    return neighbours.find((size) => size !== undefined && !tried.includes(size) && this.fits(streams, size));
  }

  private fits(streams: number, chunkSize: number): boolean {
    return streams * 2 * chunkSize <= this.maxBytesInFlight || chunkSize <= (this.chunkSizes[0] as number);
  }

  private move(proposed: TuningSetting, reason: string, baselineBps: number | null): Step | undefined {
    const to = { ...proposed };
    if (!this.fits(to.streams, to.chunkSize)) {
      const fitting = this.chunkSizes.filter((size) => size < to.chunkSize && this.fits(to.streams, size));
      to.chunkSize = fitting.at(-1) ?? (this.chunkSizes[0] as number);
      reason = `${reason} (chunks ${to.chunkSize / MIB} MiB, so ${to.streams} streams hold at most ${this.maxBytesInFlight / MIB} MiB)`;
    }
    if (to.streams === this.current.streams && to.chunkSize === this.current.chunkSize) return undefined;
    this.current = to;
    return { to: { ...to }, reason, baselineBps };
  }
}

function mbps(bps: number): string {
  return `${(bps / 1e6).toFixed(bps < 10e6 ? 1 : 0)} Mbit/s`;
}

function describeSetting(setting: TuningSetting): string {
  return `${setting.streams} stream${setting.streams === 1 ? '' : 's'}, ${setting.chunkSize / (1024 * 1024)} MiB`;
}

function describeEffect(from: Incumbent, to: Incumbent): string {
  const change = Math.round((to.throughputBps / Math.max(1, from.throughputBps) - 1) * 100);
  return `${describeSetting(to.setting)} gave ${mbps(to.throughputBps)} (${change >= 0 ? '+' : ''}${change}% vs ${describeSetting(from.setting)})`;
}
