export interface BackoffOptions {
  baseMs?: number;
  factor?: number;
  capMs?: number;
  /** A number in [0, 1); Math.random by default. */
  random?: () => number;
}

/**
 * Exponential backoff with full jitter: the n-th delay (n from 0) is uniform in
 * [0, min(cap, base·factor^n)]. Defaults: base 500 ms, factor 2, cap 30 s.
 */
export class Backoff {
  private readonly baseMs: number;
  private readonly factor: number;
  private readonly capMs: number;
  private readonly random: () => number;
  private attempt = 0;

  constructor(options: BackoffOptions = {}) {
    this.baseMs = options.baseMs ?? 500;
    this.factor = options.factor ?? 2;
    this.capMs = options.capMs ?? 30_000;
    this.random = options.random ?? Math.random;
  }

  /** How many delays were handed out since the last reset. */
  get attempts(): number {
    return this.attempt;
  }

  /** The upper bound of the next delay. */
  get ceilingMs(): number {
    return Math.min(this.capMs, this.baseMs * this.factor ** this.attempt);
  }

  nextDelayMs(): number {
    const ceiling = this.ceilingMs;
    this.attempt++;
    return Math.round(this.random() * ceiling);
  }

  reset(): void {
    this.attempt = 0;
  }
}
