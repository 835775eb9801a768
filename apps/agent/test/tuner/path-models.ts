import type { TuningSetting } from '@tcpa/contracts';
import { type Step, StreamOptimiser } from '../../src/tuner/stream-optimiser.ts';
import type { Measurement } from '../../src/tuner/utility.ts';

export const MIB = 1024 * 1024;
export const MBIT = 1e6;

/** Mean throughput (bit/s) and loss rate of a path at a setting, when `share` of the bottleneck is this flow's. */
export type PathModel = (setting: TuningSetting) => { throughputBps: number; lossRate: number };

/** Loss-limited CUBIC: each stream gets about the Mathis rate, so throughput grows with streams up to the link. */
export function lossyCubic(perStreamBps: number, capacityBps: number, chunkFactor = (_chunk: number) => 1): PathModel {
  return ({ streams, chunkSize }) => ({
    throughputBps: Math.min(streams * perStreamBps, capacityBps) * chunkFactor(chunkSize),
    lossRate: 0.005,
  });
}

/** BBR (or a clean LAN): one stream already fills the link; more only add overhead and queue loss. */
export function bbrLike(capacityBps: number): PathModel {
  return ({ streams }) => ({
    throughputBps: capacityBps * (1 - 0.002 * (streams - 1)),
    lossRate: 0.0005 * streams,
  });
}

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic standard normal noise (Box–Muller). */
export function seededRandom(seed: number): () => number {
  const uniform = seededUniform(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

export interface Trace {
  settings: TuningSetting[];
  /** The best setting the optimiser holds after each interval (probes aside). */
  kept: TuningSetting[];
  throughputs: number[];
  steps: Step[];
}

export interface Flow {
  optimiser: StreamOptimiser;
  trace: Trace;
  /** The interval this flow starts in (it sends nothing before). */
  startAt: number;
  /** Streams added recently, newest last: they overshoot until `until` (see `simulate`'s `overshoot`). */
  young: Array<{ count: number; until: number }>;
  streams: number;
}

let flowSeed = 1000;
export function flow(start: TuningSetting, startAt = 0): Flow {
  flowSeed += 1;
  const uniform = seededUniform(flowSeed);
  return {
    optimiser: new StreamOptimiser({ start, random: uniform }),
    trace: { settings: [], kept: [], throughputs: [], steps: [] },
    startAt,
    young: [],
    streams: 0,
  };
}

/** Tracks which streams are new: added ones are young for `intervals`; removed ones go newest first (as the engine retires them). */
function youngStreams(f: Flow, streams: number, interval: number, intervals: number): number {
  if (streams > f.streams) f.young.push({ count: streams - f.streams, until: interval + intervals });
  let remove = Math.max(0, f.streams - streams);
  while (remove > 0 && f.young.length > 0) {
    const newest = f.young.at(-1) as { count: number; until: number };
    const taken = Math.min(newest.count, remove);
    newest.count -= taken;
    remove -= taken;
    if (newest.count === 0) f.young.pop();
  }
  f.streams = streams;
  f.young = f.young.filter((group) => group.until > interval);
  return f.young.reduce((sum, group) => sum + group.count, 0);
}

/**
 * Runs flows for `intervals` probe intervals over one shared bottleneck: each flow's demand is
 * what the path model gives its setting alone; above `capacityBps` the link is shared per stream
 * (as TCP shares it). `modelAt(i)` lets a test switch conditions mid-run. With `overshoot`, streams
 * added in the last `intervals` intervals send `factor` times their steady rate (CUBIC after slow
 * start at high RTT), so a setting measured right after it added streams looks better than it is.
 */
export function simulate(
  flows: Flow[],
  intervals: number,
  modelAt: (interval: number) => PathModel,
  options: {
    seed: number;
    noise?: number;
    capacityBps?: number;
    overshoot?: { factor: number; intervals: number };
  },
) {
  const noise = seededRandom(options.seed);
  const sigma = options.noise ?? 0.03;
  for (let interval = 0; interval < intervals; interval += 1) {
    const model = modelAt(interval);
    const running = flows.filter((f) => interval >= f.startAt);
    const settings = running.map((f) => f.optimiser.setting);
    const demands = settings.map((setting, index) => {
      const demand = model(setting);
      const young = youngStreams(running[index] as Flow, setting.streams, interval, options.overshoot?.intervals ?? 0);
      const boost = 1 + ((options.overshoot?.factor ?? 1) - 1) * (young / setting.streams);
      return { ...demand, throughputBps: demand.throughputBps * boost };
    });
    const totalDemand = demands.reduce((sum, d) => sum + d.throughputBps, 0);
    const totalStreams = settings.reduce((sum, s) => sum + s.streams, 0);
    running.forEach((f, index) => {
      const setting = settings[index] as TuningSetting;
      const demand = demands[index] as { throughputBps: number; lossRate: number };
      const capacity = options.capacityBps ?? Number.POSITIVE_INFINITY;
      const mean =
        totalDemand <= capacity
          ? demand.throughputBps
          : Math.min(demand.throughputBps, (capacity * setting.streams) / totalStreams);
      const measured: Measurement = {
        throughputBps: Math.max(0, mean * (1 + sigma * noise())),
        rttMs: 50,
        lossRate: demand.lossRate,
      };
      f.trace.settings.push(setting);
      f.trace.throughputs.push(mean);
      const step = f.optimiser.next(measured);
      if (step) f.trace.steps.push(step);
      f.trace.kept.push(f.optimiser.best);
    });
  }
}

/** The best mean throughput of any static setting on the grid the benchmark sweeps. */
export function bestStatic(model: PathModel, chunkSizes = [4 * MIB]) {
  let best = 0;
  for (const streams of [1, 2, 4, 8, 16, 32, 64]) {
    for (const chunkSize of chunkSizes) best = Math.max(best, model({ streams, chunkSize }).throughputBps);
  }
  return best;
}

export function jainIndex(values: number[]) {
  const sum = values.reduce((a, b) => a + b, 0);
  const squares = values.reduce((a, b) => a + b * b, 0);
  return (sum * sum) / (values.length * squares);
}

export function mean(values: number[]) {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** First interval from which throughput stays at or above `level` (−1 if never). */
export function reachedAt(throughputs: number[], level: number, from = 0) {
  for (let index = from; index < throughputs.length; index += 1) {
    if ((throughputs[index] as number) >= level) return index;
  }
  return -1;
}
