/**
 * Sends the first value after a quiet interval at once; values that come within `intervalMs` of
 * the last send are merged and leave together when the interval ends. So a trickle goes out
 * without delay and a flood costs at most one send per interval.
 */
export class Coalescer<T> {
  private pending: T | undefined;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly intervalMs: number,
    private readonly merge: (pending: T, next: T) => T,
    private readonly send: (value: T) => void,
  ) {}

  add(value: T) {
    if (this.closed) return;
    if (this.pending !== undefined) {
      this.pending = this.merge(this.pending, value);
      return;
    }
    const wait = this.lastSentAt + this.intervalMs - performance.now();
    if (wait <= 0) return this.sendNow(value);
    this.pending = value;
    this.timer = setTimeout(() => this.flush(), wait);
    this.timer.unref();
  }

  /** Drops what is pending; nothing is sent after. */
  close() {
    this.closed = true;
    clearTimeout(this.timer);
    this.pending = undefined;
  }

  private flush() {
    const value = this.pending;
    this.pending = undefined;
    this.timer = undefined;
    if (value !== undefined) this.sendNow(value);
  }

  private sendNow(value: T) {
    this.lastSentAt = performance.now();
    this.send(value);
  }
}
