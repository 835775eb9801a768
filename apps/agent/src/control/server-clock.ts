/**
 * Offsets larger than this are refused: a server that says the time is days away from ours is
 * more likely wrong (or not the server) than our clock, and signing on its word would hand out
 * assertions valid at that far time.
 */
export const MAX_ACCEPTED_OFFSET_MS = 24 * 60 * 60 * 1000;

/**
 * A new reading up to this far behind the current one is slewed, not stepped: samples stamped
 * with this clock must not go back in time (the server folds samples closer together than its
 * interval allows, and a step back of a few hundred ms after a reconnect folded one). Further
 * behind, the old anchor was wrong and the step is taken at once.
 */
const MAX_SLEW_MS = 1_000;
/** While slewing, readings advance at 95% of the monotonic clock until the new anchor is met. */
const SLEW_RATE = 0.05;

interface Anchor {
  serverMs: number;
  monotonicMs: number;
  /** How far the previous readings were ahead of this anchor when it was taken (slewed away). */
  aheadMs: number;
}

/**
 * The control plane's clock as this agent knows it. The agent signs its assertions and stamps its
 * samples with `now()`, so a machine whose clock is off (or steps) neither gets refused nor has
 * its samples discarded. Each time the server tells its time (the upgrade's `Date` header, the
 * hello's `serverTime`), the agent anchors it to its monotonic clock: later readings follow the
 * monotonic clock from there, so steps of the wall clock do not move them. A new anchor a little
 * behind the current reading is slewed into (readings never go back); before any anchor it is the
 * machine's own clock.
 */
export class ServerClock {
  private anchor: Anchor | null = null;
  private anchorPrecisionMs = Number.POSITIVE_INFINITY;

  constructor(
    private readonly wallClock: () => number = Date.now,
    private readonly monotonicClock: () => number = () => performance.now(),
  ) {}

  now(): number {
    if (!this.anchor) return this.wallClock();
    return Math.round(this.readingAt(this.anchor, this.monotonicClock()));
  }

  private readingAt(anchor: Anchor, monotonicMs: number): number {
    const elapsed = monotonicMs - anchor.monotonicMs;
    return anchor.serverMs + elapsed + Math.max(0, anchor.aheadMs - elapsed * SLEW_RATE);
  }

  /** Server time minus the machine's own clock (ms); null before the server told its time. */
  get offsetMs(): number | null {
    return this.anchor ? this.now() - this.wallClock() : null;
  }

  /**
   * The server's clock read `serverMs` at some moment within ±precisionMs of now (half the round
   * trip, plus the header's rounding). A reading no more precise than the current anchor's only
   * replaces it when the anchor is older than a minute (the monotonic clock drifts slowly).
   * Returns an error message when the offset is beyond MAX_ACCEPTED_OFFSET_MS (not applied).
   */
  observe(serverMs: number, precisionMs: number): string | null {
    const offsetMs = serverMs - this.wallClock();
    if (!Number.isFinite(offsetMs) || Math.abs(offsetMs) > MAX_ACCEPTED_OFFSET_MS) {
      return `the server's time ${new Date(serverMs).toISOString()} is ${Math.round(offsetMs / 1000)} s from this machine's clock (at most ${MAX_ACCEPTED_OFFSET_MS / 3_600_000} h is applied): fix this machine's clock`;
    }
    const monotonicMs = this.monotonicClock();
    const stale = this.anchor !== null && monotonicMs - this.anchor.monotonicMs > 60_000;
    if (this.anchor && precisionMs > this.anchorPrecisionMs && !stale) return null;
    const aheadMs = this.anchor ? this.readingAt(this.anchor, monotonicMs) - serverMs : 0;
    this.anchor = { serverMs, monotonicMs, aheadMs: aheadMs > 0 && aheadMs <= MAX_SLEW_MS ? aheadMs : 0 };
    this.anchorPrecisionMs = precisionMs;
    return null;
  }

  /** The `Date` header of an HTTP response (whole seconds, so the time is within the next second). */
  observeDateHeader(date: string | undefined): string | null {
    const parsed = date ? Date.parse(date) : Number.NaN;
    if (Number.isNaN(parsed)) return null;
    return this.observe(parsed + 500, 500);
  }
}
