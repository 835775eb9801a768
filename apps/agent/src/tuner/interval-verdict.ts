/** What happened in one probe interval besides the setting: the counters the verdict is drawn from. */
export interface IntervalFacts {
  throughputBps: number;
  elapsedMs: number;
  /** The transfer's bandwidth limit (bit/s), or null for none. */
  bandwidthLimitBps: number | null;
  streamFailures: number;
  bytesSkipped: number;
}

/**
 * Whether an interval measured the setting. One with an outage (nothing delivered, streams lost)
 * or with files skipped measured those, not the setting: fed to the optimiser, a server restart
 * on a 40 Mbit/s transfer read as "throughput fell 100%", sent it from 2 to 32 streams, and left
 * `rateBps: 0` as the path's history. Where the bandwidth limit binds, more streams cannot help.
 */
export type IntervalVerdict =
  | { kind: 'measurement' }
  | { kind: 'limited'; why: string }
  | { kind: 'disturbed'; cause: 'outage' | 'stream-failures' | 'skipped-files'; why: string };

/** Throughput at this share of the limit or above: the limit binds (the limiter keeps within a few %). */
export const LIMIT_BINDS_AT = 0.8;

export function judgeInterval(facts: IntervalFacts): IntervalVerdict {
  const seconds = (facts.elapsedMs / 1000).toFixed(1);
  if (facts.throughputBps <= 0) {
    return { kind: 'disturbed', cause: 'outage', why: `nothing was delivered in ${seconds} s (an outage or a stall)` };
  }
  if (facts.streamFailures > 0) {
    const streams = facts.streamFailures === 1 ? 'a data stream' : `${facts.streamFailures} data streams`;
    return { kind: 'disturbed', cause: 'stream-failures', why: `${streams} failed in ${seconds} s` };
  }
  if (facts.bytesSkipped > 0) {
    return { kind: 'disturbed', cause: 'skipped-files', why: 'files the destination already held were skipped' };
  }
  const limit = facts.bandwidthLimitBps;
  if (limit !== null && facts.throughputBps >= LIMIT_BINDS_AT * limit) {
    return {
      kind: 'limited',
      why: `the transfer's bandwidth limit of ${mbps(limit)} binds (${mbps(facts.throughputBps)} measured)`,
    };
  }
  return { kind: 'measurement' };
}

export function mbps(bps: number): string {
  return `${(bps / 1e6).toFixed(bps < 10e6 ? 1 : 0)} Mbit/s`;
}
