import type { TelemetrySample } from '@tcpa/contracts';

/** Samples closer together than this share of the interval are folded (jitter tolerance). */
const TOLERANCE = 0.8;
const MAX_CLOCK_SKEW_MS = 60_000;

/**
 * Keeps an agent to its plan's telemetry rate by sample timestamps, so a replayed backlog
 * (old timestamps, sent fast) passes while a fast sender is folded: its extra samples are
 * acknowledged but not stored.
 */
export class RateFolder {
  private lastAcceptedTs = Number.NEGATIVE_INFINITY;

  constructor(private intervalMs: number) {}

  setInterval(intervalMs: number) {
    this.intervalMs = intervalMs;
  }

  split(samples: TelemetrySample[], now = Date.now()): { accepted: TelemetrySample[]; folded: number } {
    const accepted: TelemetrySample[] = [];
    let folded = 0;
    let previousInMessage = Number.NEGATIVE_INFINITY;
    for (const sample of [...samples].sort((a, b) => a.ts - b.ts || a.seq - b.seq)) {
      // Samples older than the newest stored one (a replay) only need spacing among themselves.
      const reference =
        sample.ts >= this.lastAcceptedTs ? Math.max(previousInMessage, this.lastAcceptedTs) : previousInMessage;
      const tooSoon = sample.ts < reference + this.intervalMs * TOLERANCE;
      if (tooSoon || sample.ts > now + MAX_CLOCK_SKEW_MS) {
        folded++;
        continue;
      }
      accepted.push(sample);
      previousInMessage = sample.ts;
      this.lastAcceptedTs = Math.max(this.lastAcceptedTs, sample.ts);
    }
    return { accepted, folded };
  }
}
