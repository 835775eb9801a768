import { describe, expect, it } from 'vitest';
import { Backoff } from '../src/control/backoff.ts';

describe('Backoff', () => {
  it('keeps each delay within [0, min(cap, base·2^n)]', () => {
    const backoff = new Backoff({ baseMs: 500, capMs: 30_000 });
    for (let attempt = 0; attempt < 40; attempt++) {
      const ceiling = Math.min(30_000, 500 * 2 ** attempt);
      const delay = backoff.nextDelayMs();
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });

  it('uses the whole range (full jitter): random 0 gives 0, random near 1 gives the ceiling', () => {
    expect(new Backoff({ random: () => 0 }).nextDelayMs()).toBe(0);
    const high = new Backoff({ random: () => 0.999_999 });
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(() => high.nextDelayMs())).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
  });

  it('starts over from the base after reset', () => {
    const backoff = new Backoff({ baseMs: 100, random: () => 0.999_999 });
    backoff.nextDelayMs();
    backoff.nextDelayMs();
    expect(backoff.nextDelayMs()).toBe(400);
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.nextDelayMs()).toBe(100);
  });
});
