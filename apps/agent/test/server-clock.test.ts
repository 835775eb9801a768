import { describe, expect, it } from 'vitest';
import { MAX_ACCEPTED_OFFSET_MS, ServerClock } from '../src/control/server-clock.ts';

describe('ServerClock', () => {
  function clocks() {
    const time = { wall: 1_000_000, monotonic: 50 };
    const clock = new ServerClock(
      () => time.wall,
      () => time.monotonic,
    );
    return { time, clock };
  }

  it("is the machine's clock until the server tells its time, then the server's", () => {
    const { time, clock } = clocks();
    expect(clock.now()).toBe(1_000_000);
    expect(clock.offsetMs).toBeNull();
    expect(clock.observe(time.wall - 600_000, 100)).toBeNull();
    expect(clock.now()).toBe(400_000);
    expect(clock.offsetMs).toBe(-600_000);
  });

  it('follows the monotonic clock, so a step of the wall clock moves nothing', () => {
    const { time, clock } = clocks();
    clock.observe(2_000_000, 100);
    time.monotonic += 1_000;
    time.wall += 1_000 + 600_000; // the machine's clock steps ten minutes forward
    expect(clock.now()).toBe(2_001_000);
    expect(clock.offsetMs).toBe(2_001_000 - time.wall);
  });

  it('takes a Date header (whole seconds) only when it knows nothing more precise', () => {
    const { time, clock } = clocks();
    clock.observeDateHeader(new Date(3_000_000).toUTCString());
    expect(clock.now()).toBe(3_000_500);
    clock.observe(3_000_200, 10);
    clock.observeDateHeader(new Date(9_000_000).toUTCString());
    expect(clock.now()).toBe(3_000_500); // 300 ms behind: slewed into, not stepped back
    time.monotonic += 6_000;
    expect(clock.now()).toBe(3_006_200);
    time.monotonic += 61_000; // an old anchor gives way to a coarser reading
    clock.observeDateHeader(new Date(9_000_000).toUTCString());
    expect(clock.now()).toBe(9_000_500);
  });

  it('never goes back for a reading a little behind: it slews into it at 95% speed; further behind, it steps', () => {
    const { time, clock } = clocks();
    clock.observe(5_000_000, 50);
    time.monotonic += 1_000;
    clock.observe(5_000_600, 10); // 400 ms behind the reading of 5_001_000
    const readings: number[] = [];
    for (let step = 0; step < 100; step++) {
      readings.push(clock.now());
      time.monotonic += 100;
    }
    const gaps = readings.slice(1).map((reading, index) => reading - (readings[index] as number));
    expect(readings[0]).toBe(5_001_000);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(95);
    expect(readings.at(-1)).toBe(5_000_600 + 99 * 100); // caught up after 8 s
    clock.observe(clock.now() - 5_000, 1); // 5 s behind: the old anchor was wrong
    expect(clock.now()).toBe(5_000_600 + 100 * 100 - 5_000);
  });

  it('refuses offsets beyond a day and keeps what it had', () => {
    const { time, clock } = clocks();
    expect(clock.observe(time.wall + MAX_ACCEPTED_OFFSET_MS + 1, 10)).toMatch(/fix this machine's clock/);
    expect(clock.now()).toBe(time.wall);
    expect(clock.observeDateHeader('not a date')).toBeNull();
    expect(clock.offsetMs).toBeNull();
  });
});
