import { describe, expect, it } from 'vitest';
import { formatBitRate, formatBytes, formatPercent } from '../../src/features/notifications/alert-figures.ts';

describe('figures in alert titles', () => {
  it('shows sizes and rates in decimal units, one decimal under 10 and none when it is 0', () => {
    expect(formatBytes(3_100_000_000)).toBe('3.1 GB');
    expect(formatBytes(74_000_000_000)).toBe('74 GB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(9_990_000_000)).toBe('10 GB');
    expect(formatBytes(2_000_000_000_000)).toBe('2 TB');
    expect(formatBitRate(12_000_000)).toBe('12 Mbit/s');
    expect(formatBitRate(1_250_000_000)).toBe('1.3 Gbit/s');
    expect(formatBitRate(0)).toBe('0 bit/s');
  });

  it('never shows a share above 0 as 0%', () => {
    expect(formatPercent(3_100_000_000, 74_000_000_000, 1)).toBe('4.2%');
    expect(formatPercent(12, 66, 0)).toBe('18%');
    expect(formatPercent(1, 1_000_000, 1)).toBe('0.1%');
    expect(formatPercent(0, 100, 1)).toBe('0.0%');
  });
});
