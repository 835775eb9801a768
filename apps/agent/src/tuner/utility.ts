/** What one probe interval measured at one setting. */
export interface Measurement {
  throughputBps: number;
  /** Median chunk acknowledgement time; null when no chunk was acknowledged. */
  rttMs: number | null;
  /** Retransmitted share of segments; null where the host does not expose it. */
  lossRate: number | null;
}

export interface UtilityWeights {
  /** K in T / K^n: each stream must add this factor of throughput to pay for itself. */
  streamPenalty: number;
  /** B in T · (1 − B · loss): retransmissions the extra streams cause count against them. */
  lossPenalty: number;
}

export const DEFAULT_WEIGHTS: UtilityWeights = { streamPenalty: 1.01, lossPenalty: 10 };

/**
 * Falcon's utility: throughput discounted per stream, so streams that add nothing lower it
 * (one stream that fills a clean link beats four), and discounted by the loss rate.
 */
export function utility(measurement: Measurement, streams: number, weights: UtilityWeights = DEFAULT_WEIGHTS) {
  const lossFactor = Math.max(0, 1 - weights.lossPenalty * (measurement.lossRate ?? 0));
  return (measurement.throughputBps * lossFactor) / weights.streamPenalty ** streams;
}
