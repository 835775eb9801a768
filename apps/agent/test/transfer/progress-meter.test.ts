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

  function meterOf(options: { bytesTotal: number; bytesResumed: number; filesTotal: number }) {
    const reports: TransferProgress[] = [];
    const meter = new ProgressMeter({
      ...options,
      intervalMs: 250,
      onProgress: (progress) => reports.push(progress),
      snapshot: () => ({ streams: 2, chunkSize: MIB, bytesSent: 0 }),
    });
    return { meter, reports };
  }

  it('counts only bytes sent: identical files skipped on a retry add to the progress, not to the rate', () => {
    // A retry at 15 MB/s (120 Mbit/s) in which the destination holds two identical 1 GiB files.
    const { meter, reports } = meterOf({ bytesTotal: 2048 * MIB + 30 * MIB, bytesResumed: 0, filesTotal: 3 });
    for (let tick = 1; tick <= 8; tick++) {
      meter.addAcked(3.75 * MIB);
      if (tick === 2 || tick === 5) meter.addFileSettled(1024 * MIB);
      vi.advanceTimersByTime(250);
    }
    meter.stop();
    const rates = reports.map((report) => report.rateBytesPerSecond / MIB);
    expect(Math.max(...rates)).toBeLessThan(15.1);
    expect(Math.min(...rates)).toBeGreaterThan(14.9);
    expect(reports.at(-1)?.bytesDone).toBe(2048 * MIB + 30 * MIB);
  });

  it('after a pause, the resumed attempt rates only what it sends itself', () => {
    // Paused at 600 MiB of 1 GiB: a file finished before the pause (settled as already there) and
    // half of another (resumed from the journal). The resumed attempt sends at 5 MiB/s.
    const { meter, reports } = meterOf({ bytesTotal: 1024 * MIB, bytesResumed: 88 * MIB, filesTotal: 2 });
    meter.addFileSettled(512 * MIB);
    vi.advanceTimersByTime(3000); // hashing what the destination holds: not sending yet
    for (let tick = 1; tick <= 40; tick++) {
      meter.chunkSent();
      meter.addAcked(1.25 * MIB);
      vi.advanceTimersByTime(250);
    }
    meter.stop();
    const rates = reports.map((report) => report.rateBytesPerSecond / MIB);
    expect(Math.max(...rates)).toBeLessThan(5.1);
    expect(reports.at(-1)?.rateBytesPerSecond).toBe(5 * MIB);
    expect(reports.at(-1)?.bytesDone).toBe(600 * MIB + 50 * MIB);
    // Time spent sending starts with this attempt's first chunk, not with the transfer or the pause.
    expect(meter.sendingMs).toBe(10_000);
  });

  it('rates a retry that sends nothing (every file identical) at zero', () => {
    const { meter, reports } = meterOf({ bytesTotal: 4096 * MIB, bytesResumed: 0, filesTotal: 4 });
    for (let file = 0; file < 4; file++) meter.addFileSettled(1024 * MIB);
    vi.advanceTimersByTime(250);
    meter.stop();
    expect(reports.map((report) => report.rateBytesPerSecond)).toEqual([0, 0]);
    expect(reports.at(-1)?.bytesDone).toBe(4096 * MIB);
  });
});
