import type { TelemetrySample } from '@tcpa/contracts';

/** Samples closer together than this share of the interval are folded (jitter tolerance). */
const TOLERANCE = 0.8;
/** How far ahead of the server's clock a sample may be stamped (agents stamp on the server's time). */
export const MAX_SAMPLE_AHEAD_MS = 60_000;

/**
 * Keeps an agent to its plan's telemetry rate by sample timestamps, so a replayed backlog
 * (old timestamps, sent fast) passes while a fast sender is folded: its extra samples are
 * acknowledged but not stored. Samples stamped further ahead of the server's clock than
 * MAX_SAMPLE_AHEAD_MS are neither: they come back as `ahead`, for the caller to refuse.
 */
export class RateFolder {
  private lastAcceptedTs = Number.NEGATIVE_INFINITY;

  constructor(private intervalMs: number) {}

  setInterval(intervalMs: number) {
    this.intervalMs = intervalMs;
  }

  split(
    samples: TelemetrySample[],
    now = Date.now(),
  ): { accepted: TelemetrySample[]; folded: number; ahead: TelemetrySample[] } {
    const ahead = samples.filter((sample) => sample.ts > now + MAX_SAMPLE_AHEAD_MS);
    if (ahead.length > 0) return { accepted: [], folded: 0, ahead };
    const accepted: TelemetrySample[] = [];
    let folded = 0;
    let previousInMessage = Number.NEGATIVE_INFINITY;
    for (const sample of [...samples].sort((a, b) => a.ts - b.ts || a.seq - b.seq)) {
      // Samples older than the newest stored one (a replay) only need spacing among themselves.
      const reference =
        sample.ts >= this.lastAcceptedTs ? Math.max(previousInMessage, this.lastAcceptedTs) : previousInMessage;
      const tooSoon = sample.ts < reference + this.intervalMs * TOLERANCE;
      if (tooSoon) {
        folded++;
        continue;
      }
      accepted.push(sample);
      previousInMessage = sample.ts;
      this.lastAcceptedTs = Math.max(this.lastAcceptedTs, sample.ts);
    }
    return { accepted, folded, ahead };
  }
}
