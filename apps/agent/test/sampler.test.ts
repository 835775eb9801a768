import { statfs } from 'node:fs/promises';
import { TelemetrySampleSchema } from '@tcpa/contracts';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../../server/test/wait-until.ts';
import { createLog } from '../src/log.ts';
import { Outbox, type TelemetryReading } from '../src/telemetry/outbox.ts';
import { TelemetrySampler } from '../src/telemetry/sampler.ts';
import { parseNetDev } from '../src/telemetry/system-metrics.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs();
const quietLog = createLog({ write: () => {} });

describe('TelemetrySampler', () => {
  it('takes readings of this machine that become valid telemetry samples', async () => {
    const dir = tempDir();
    const sampler = new TelemetrySampler({
      roots: [dir, dir, `${dir}/missing`],
      rttMs: () => 12.34,
      onSample: () => {},
      transfers: () => ({ activeTransfers: 2, dataChannelBytes: 0 }),
      log: quietLog,
      now: () => 1_750_000_000_000,
    });
    sampler.countError();
    const reading = await sampler.sample();
    expect(reading.ts).toBe(1_750_000_000_000);
    expect(reading.cpuPct).toBeGreaterThanOrEqual(0);
    expect(reading.cpuPct).toBeLessThanOrEqual(100);
    expect(reading.memTotalBytes).toBeGreaterThan(0);
    expect(reading.memUsedBytes).toBeLessThanOrEqual(reading.memTotalBytes);
    expect(reading.diskFreeBytes).toBeGreaterThan(0);
    expect(reading).toMatchObject({ activeTransfers: 2, throughputBps: 0, rttMs: 12.3 });
    expect(reading.errors).toBe(2); // the one counted + the missing root
    const sample = new Outbox({ dir }).append(reading);
    expect(TelemetrySampleSchema.safeParse(sample).success).toBe(true);
    expect((await sampler.sample()).errors).toBe(1); // only the missing root again
  });

  it('counts a directory once per file system', async () => {
    const dir = tempDir();
    const make = (roots: string[]) =>
      new TelemetrySampler({ roots, rttMs: () => null, onSample: () => {}, log: quietLog });
    const once = (await make([dir]).sample()).diskFreeBytes;
    const twice = (await make([dir, dir]).sample()).diskFreeBytes;
    expect(Math.abs(twice - once)).toBeLessThan(once / 2);
  });

  it('reports the size of the file system its free space is measured on, once per file system', async () => {
    const dir = tempDir();
    const space = await statfs(dir);
    const sampler = new TelemetrySampler({
      roots: [dir, dir, `${dir}/missing`],
      rttMs: () => null,
      onSample: () => {},
      log: quietLog,
    });
    const reading = await sampler.sample();
    expect(reading.diskTotalBytes).toBe(space.blocks * space.bsize);
    expect(reading.diskFreeBytes).toBeLessThanOrEqual(reading.diskTotalBytes ?? 0);
    const sample = new Outbox({ dir }).append(reading);
    expect(TelemetrySampleSchema.parse(sample).diskTotalBytes).toBe(space.blocks * space.bsize);
  });

  it('samples on its timer and restarts it when the interval changes', async () => {
    const readings: TelemetryReading[] = [];
    const sampler = new TelemetrySampler({
      roots: [tempDir()],
      rttMs: () => null,
      onSample: (reading) => readings.push(reading),
      log: quietLog,
    });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    sampler.start(50);
    for (let waited = 0; readings.length < 3 && waited < 10_000; waited += 20) await sleep(20);
    expect(readings.length).toBeGreaterThanOrEqual(3);

    sampler.start(10_000);
    const afterChange = readings.length;
    await sleep(400);
    expect(readings.length).toBeLessThanOrEqual(afterChange + 1); // at most the reading that was under way

    sampler.stop();
    const afterStop = readings.length;
    await sleep(200);
    expect(readings.length).toBe(afterStop);
    expect(sampler.intervalMs).toBeNull();
  });
  it('takes the first reading soon after starting, not a whole interval later', async () => {
    const readings: TelemetryReading[] = [];
    const sampler = new TelemetrySampler({
      roots: [tempDir()],
      rttMs: () => null,
      onSample: (reading) => readings.push(reading),
      log: quietLog,
    });
    const startedAt = Date.now();
    sampler.start(60_000);
    await waitUntil('a first reading', () => readings.length > 0, 5_000, 20);
    sampler.stop();
    expect(readings).toHaveLength(1);
    expect((readings[0]?.ts ?? 0) - startedAt).toBeLessThan(3_000);
  });
});

describe('parseNetDev', () => {
  it('sums received and sent bytes over every interface but loopback', () => {
    const text = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: 5000 10 0 0 0 0 0 0 5000 10 0 0 0 0 0 0
  eth0: 1000 5 0 0 0 0 0 0 200 3 0 0 0 0 0 0
 wlan0:   30 1 0 0 0 0 0 0 4 1 0 0 0 0 0 0
`;
    expect(parseNetDev(text)).toEqual({ netRxBytes: 1_030, netTxBytes: 204 });
  });
});
