import { TuningDecisionSchema } from '@tcpa/contracts';
import { describe, expect, it } from 'vitest';
import { CloudTuner } from '../../src/cloud/cloud-tuner.ts';

const MIB = 1024 * 1024;

/** A store that answers each request at 10 MB/s, up to 24 at once: more requests queue and add nothing. */
function simulate(
  tunePartSize: boolean,
  intervals: number,
  rateOf = (requests: number) => Math.min(requests, 24) * 10e6,
) {
  let clock = 0;
  let bytes = 0;
  const tuner = new CloudTuner({
    start: { streams: 8, chunkSize: 16 * MIB },
    tunePartSize,
    bytesDone: () => bytes,
    now: () => clock,
    random: () => 0,
  });
  const decisions = [];
  for (let interval = 0; interval < intervals; interval++) {
    clock += 2_000;
    bytes += (rateOf(tuner.concurrency) * 2_000) / 1000;
    tuner.tick();
    decisions.push(...tuner.takeDecisions());
  }
  return { tuner, decisions };
}

describe('the cloud tuner', () => {
  it('finds how many requests at once the store takes, recording each change with its reason', () => {
    const { tuner, decisions } = simulate(true, 40);
    expect(tuner.concurrency).toBeGreaterThanOrEqual(20);
    expect(tuner.concurrency).toBeLessThanOrEqual(32);
    expect(decisions.length).toBeGreaterThan(2);
    for (const decision of decisions) expect(TuningDecisionSchema.safeParse(decision).success).toBe(true);
    expect(decisions.map((decision) => decision.seq)).toEqual(decisions.map((_, index) => index));
    expect(decisions[0]).toMatchObject({ from: { streams: 8, chunkSize: 16 * MIB }, throughputBps: 80e6 * 8 });
    expect([8 * MIB, 16 * MIB]).toContain(tuner.partSizeBytes);
  });

  it("keeps a download's range size, and holds while nothing moves", () => {
    const { tuner, decisions } = simulate(false, 40);
    expect(tuner.partSizeBytes).toBe(16 * MIB);
    expect(decisions.every((decision) => decision.to.chunkSize === 16 * MIB)).toBe(true);
    const idle = simulate(true, 10, () => 0);
    expect(idle.decisions).toEqual([]);
    expect(idle.tuner.concurrency).toBe(8);
  });

  it('comes down from more requests than a slow store can take', () => {
    const { tuner } = simulate(true, 40, (requests) => Math.min(requests, 2) * 10e6);
    expect(tuner.concurrency).toBeLessThanOrEqual(4);
  });
});
