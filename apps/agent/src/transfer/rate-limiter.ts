import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A token bucket shared by all streams of a transfer, without burst: each caller pays for its
 * bytes before sending them, so the average over any few seconds stays at the limit.
 */
export class RateLimiter {
  private cursor = 0;

  constructor(
    private bytesPerSecond: number | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Bytes per second, or undefined for none. */
  get limit(): number | undefined {
    return this.bytesPerSecond;
  }

  setLimit(bytesPerSecond: number | undefined): void {
    this.bytesPerSecond = bytesPerSecond && bytesPerSecond > 0 ? bytesPerSecond : undefined;
  }

  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    if (!this.bytesPerSecond) return;
    const now = this.now();
    this.cursor = Math.max(this.cursor, now) + (bytes / this.bytesPerSecond) * 1000;
    const wait = this.cursor - now;
    if (wait > 1) await sleep(wait, undefined, { signal }).catch(() => undefined);
  }
}
