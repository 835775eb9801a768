import { describe, expect, it } from 'vitest';
import { DrawThrottle, SeriesBuffer } from '../src/charts/series-buffer.ts';

function fakeClock() {
  let now = 0;
  const timers: Array<{ at: number; run: () => void }> = [];
  return {
    clock: {
      now: () => now,
      setTimer: (run: () => void, ms: number) => {
        const timer = { at: now + ms, run };
        timers.push(timer);
        return timer;
      },
      clearTimer: (timer: unknown) => {
        timers.splice(timers.indexOf(timer as never), 1);
      },
    },
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > until) break;
        timers.shift();
        now = next.at;
        next.run();
      }
      now = until;
    },
  };
}

describe('SeriesBuffer', () => {
  it('keeps every point in time order, replaces same-time points, and drops the oldest past capacity', () => {
    const buffer = new SeriesBuffer(2, 4);
    buffer.push(10, [1, 100]);
    buffer.push(12, [3, 300]);
    buffer.push(11, [2, 200]); // late (replayed) sample goes in order
    buffer.push(12, [4, 400]); // same time: replaced
    expect(buffer.data()).toEqual([
      [10, 11, 12],
      [1, 2, 4],
      [100, 200, 400],
    ]);
    buffer.push(13, [5, null]);
    buffer.push(14, [6, 600]);
    expect(buffer.x).toEqual([11, 12, 13, 14]);
    expect(buffer.columns[1]).toEqual([200, 400, null, 600]);
  });
});

describe('DrawThrottle', () => {
  it('draws at most once per interval and never loses the last request', () => {
    const { clock, advance } = fakeClock();
    const buffer = new SeriesBuffer(1, 10_000);
    const drawn: number[] = [];
    const throttle = new DrawThrottle(() => drawn.push(buffer.length), 100, clock);
    // 50 samples a second for two seconds: 100 pushes, each asking for a draw.
    for (let i = 0; i < 100; i += 1) {
      buffer.push(i, [i]);
      throttle.request();
      advance(20);
    }
    advance(200);
    expect(throttle.draws).toBeLessThanOrEqual(21);
    expect(throttle.draws).toBeGreaterThanOrEqual(19);
    // The final draw saw every sample.
    expect(drawn.at(-1)).toBe(100);
    const gaps = drawn.slice(1).map((n, i) => n - (drawn[i] ?? 0));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(5);
  });

  it('draws at once when idle', () => {
    const { clock } = fakeClock();
    let draws = 0;
    const throttle = new DrawThrottle(() => draws++, 100, clock);
    throttle.request();
    expect(draws).toBe(1);
  });
});
