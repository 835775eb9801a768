import { describe, expect, it } from 'vitest';
import { describeClockSkew, describeConnectionTrouble } from '../src/fleet/clock-notice.ts';

describe("the fleet's clock notice", () => {
  it('names a clock notably off the server and the last refusal', () => {
    expect(describeClockSkew({ clockSkewMs: 600_400 })).toBe('clock 600 s ahead');
    expect(describeClockSkew({ clockSkewMs: -90_000 })).toBe('clock 90 s behind');
    expect(describeClockSkew({ clockSkewMs: 1_200 })).toBeNull();
    expect(describeClockSkew({ clockSkewMs: null })).toBeNull();
    expect(
      describeConnectionTrouble({
        clockSkewMs: 600_000,
        lastRefusal: { at: '2026-12-06T15:00:00.000Z', reason: "Agent clock 600 s ahead of the server's" },
      }),
    ).toBe("clock 600 s ahead · refused: Agent clock 600 s ahead of the server's");
    expect(describeConnectionTrouble({ clockSkewMs: 0, lastRefusal: null })).toBeNull();
  });
});
