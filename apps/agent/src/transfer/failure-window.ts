/**
 * Failures within a sliding time window. Counted per attempt, a data stream that failed now and
 * then over hours ended a long transfer, while a burst of failures at once looked the same as
 * those spread over a day.
 */
export class FailureWindow {
  private readonly times: number[] = [];
  private count = 0;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Records a failure; returns how many fell within the window, this one included. */
  record(): number {
    const now = this.now();
    this.count += 1;
    this.times.push(now);
    while (this.times.length > 0 && now - (this.times[0] as number) > this.windowMs) this.times.shift();
    return this.times.length;
  }

  /** Failures since the start. */
  get total(): number {
    return this.count;
  }
}
