import { describe, expect, it } from 'vitest';
import { timestamptzToIso } from '../src/timestamptz.ts';

describe('timestamptzToIso', () => {
  it.each([
    '2025-11-25 12:01:02+00',
    '2025-11-25 12:01:02.1+00',
    '2025-11-25 12:01:02.123+00',
    '2025-11-25 12:01:02.123999+00',
    '2025-12-31 23:59:59.9999+00',
    '2025-11-25 13:01:02.5+01',
    '2025-11-25 06:31:02.25-05:30',
  ])('reads %s exactly as Date does', (value) => {
    expect(timestamptzToIso(value)).toBe(new Date(value).toISOString());
  });

  it('refuses what Date cannot read', () => {
    expect(() => timestamptzToIso('infinity')).toThrow(RangeError);
  });
});
