import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProgressMeter, type TransferProgress } from '../../src/transfer/transfer-progress.ts';

const MIB = 1024 * 1024;

describe('ProgressMeter', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('reports a steady rate when acks arrive a large chunk at a time', () => {
    const reports: TransferProgress[] = [];
    const meter = new ProgressMeter({
      bytesTotal: 40 * MIB,
      filesTotal: 1,
      bytesResumed: 0,
      intervalMs: 1000,
      onProgress: (progress) => reports.push(progress),
      snapshot: () => ({ streams: 1, chunkSize: 4 * MIB, bytesSent: 0 }),
    });
    // 2 MiB/s in 4 MiB chunks: one ack every two seconds.
    for (let second = 1; second <= 20; second++) {
      if (second % 2 === 0) meter.addAcked(4 * MIB);
      vi.advanceTimersByTime(1000);
    }
    meter.stop();
    // Without the window this swings between 0 and 4 MiB/s.
    const rates = reports.slice(2).map((report) => report.rateBytesPerSecond / MIB);
    expect(Math.min(...rates)).toBeGreaterThan(1.3);
    expect(Math.max(...rates)).toBeLessThan(2.7);
    expect(reports.at(-1)?.bytesDone).toBe(40 * MIB);
  });

  it('falls to zero once nothing has been acknowledged for the whole window', () => {
    const reports: TransferProgress[] = [];
    const meter = new ProgressMeter({
      bytesTotal: 10 * MIB,
      filesTotal: 1,
      bytesResumed: 2 * MIB,
      intervalMs: 1000,
      onProgress: (progress) => reports.push(progress),
      snapshot: () => ({ streams: 1, chunkSize: MIB, bytesSent: 0 }),
    });
    meter.addAcked(MIB);
    vi.advanceTimersByTime(8000);
    meter.stop();
    expect(reports[0]?.rateBytesPerSecond).toBe(MIB);
    expect(reports.at(-1)?.rateBytesPerSecond).toBe(0);
    expect(reports.at(-1)?.bytesDone).toBe(3 * MIB);
  });
});
