/** Figures bench:wan derives from a sender's ticks (bytes TCP acknowledged on its sockets, every 250 ms). */
import type { Tick } from './engine-roles.ts';

/** Mbit/s between two times (ms since the run started), from the ticks nearest to them. */
export function mbpsBetween(ticks: Tick[], fromMs: number, toMs: number): number {
  const first = ticks.find((tick) => tick.t >= fromMs);
  const last = [...ticks].reverse().find((tick) => tick.t <= toMs);
  if (!first || !last || last.t <= first.t) return 0;
  return ((last.delivered - first.delivered) * 8) / ((last.t - first.t) / 1000) / 1e6;
}

/**
 * Seconds after `fromMs` until the trailing 2-second rate reaches `levelMbps` and the next
 * 4 seconds keep it (a burst of data already in flight when conditions switch does not count); null if never.
 */
export function secondsToReach(ticks: Tick[], levelMbps: number, fromMs = 0, windowMs = 2000, holdMs = 4000) {
  const end = ticks.at(-1)?.t ?? 0;
  for (const tick of ticks) {
    if (tick.t < fromMs + windowMs) continue;
    if (mbpsBetween(ticks, tick.t - windowMs, tick.t) < levelMbps) continue;
    const holdUntil = Math.min(end, tick.t + holdMs);
    if (holdUntil - tick.t >= windowMs && mbpsBetween(ticks, tick.t, holdUntil) < levelMbps) continue;
    return Math.round((tick.t - fromMs) / 100) / 10;
  }
  return null;
}

/** The stream count held over the last `lastMs` of the run (the median of the targets). */
export function streamsHeld(ticks: Tick[], lastMs: number): number {
  const end = ticks.at(-1)?.t ?? 0;
  const targets = ticks.filter((tick) => tick.t >= end - lastMs).map((tick) => tick.target);
  targets.sort((a, b) => a - b);
  return targets[Math.floor(targets.length / 2)] ?? 0;
}

export function jainIndex(values: number[]): number {
  const sum = values.reduce((a, b) => a + b, 0);
  const squares = values.reduce((a, b) => a + b * b, 0);
  return squares === 0 ? 0 : (sum * sum) / (values.length * squares);
}
