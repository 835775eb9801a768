import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TelemetrySampleSchema } from '@tcpa/contracts';
import { describe, expect, it } from 'vitest';
import { Outbox, type TelemetryReading } from '../src/telemetry/outbox.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs();

function reading(ts: number): TelemetryReading {
  return {
    ts,
    cpuPct: 12.5,
    memUsedBytes: 1_000,
    memTotalBytes: 4_000,
    diskFreeBytes: 10_000,
    netRxBytes: 5,
    netTxBytes: 6,
    activeTransfers: 0,
    throughputBps: 0,
    rttMs: null,
    errors: 0,
  };
}

function fill(outbox: Outbox, count: number, firstTs = 1_700_000_000_000) {
  return Array.from({ length: count }, (_, index) => outbox.append(reading(firstTs + index)));
}

const seqs = (outbox: Outbox) => outbox.samplesAfter(0, 1_000_000).map((sample) => sample.seq);

describe('Outbox', () => {
  it('stamps consecutive seqs from 1 and valid samples that keep their ts', () => {
    const outbox = new Outbox({ dir: tempDir() });
    const samples = fill(outbox, 3);
    expect(samples.map((sample) => sample.seq)).toEqual([1, 2, 3]);
    expect(samples.map((sample) => sample.ts)).toEqual([1_700_000_000_000, 1_700_000_000_001, 1_700_000_000_002]);
    for (const sample of samples) expect(TelemetrySampleSchema.parse(sample)).toEqual(sample);
    expect(statSync(outbox.path).mode & 0o777).toBe(0o600);
  });

  it('is bounded: when full it drops the oldest first and counts exactly how many', () => {
    const dir = tempDir();
    const outbox = new Outbox({ dir, capacity: 5 });
    fill(outbox, 12);
    expect(outbox.size).toBe(5);
    expect(seqs(outbox)).toEqual([8, 9, 10, 11, 12]);
    expect(outbox.droppedSamples).toBe(7);
    // Each sample carries the counter as it was when it was stored.
    expect(outbox.samplesAfter(0, 10).map((sample) => sample.droppedSamples)).toEqual([3, 4, 5, 6, 7]);

    const reloaded = new Outbox({ dir, capacity: 5 });
    expect(reloaded.droppedSamples).toBe(7);
    expect(seqs(reloaded)).toEqual([8, 9, 10, 11, 12]);
  });

  it('counts drops when reopened with a smaller capacity', () => {
    const dir = tempDir();
    fill(new Outbox({ dir, capacity: 100 }), 10);
    const smaller = new Outbox({ dir, capacity: 4 });
    expect(seqs(smaller)).toEqual([7, 8, 9, 10]);
    expect(smaller.droppedSamples).toBe(6);
  });

  it('survives a reload: a new Outbox on the same dir sees the unacked samples, not the acked ones, and continues the seq', () => {
    const dir = tempDir();
    const outbox = new Outbox({ dir });
    fill(outbox, 10);
    expect(outbox.ack(4)).toBe(4);

    const reloaded = new Outbox({ dir });
    expect(seqs(reloaded)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(reloaded.lastAckedSeq).toBe(4);
    expect(reloaded.lastSeq).toBe(10);
    expect(reloaded.samplesAfter(0, 1)[0]?.ts).toBe(1_700_000_000_004);
    expect(reloaded.append(reading(1_800_000_000_000)).seq).toBe(11);

    reloaded.ack(11);
    const empty = new Outbox({ dir });
    expect(empty.size).toBe(0);
    expect(empty.append(reading(1_800_000_000_001)).seq).toBe(12);
  });

  it('ignores acks at or below the last one and acks beyond the last seq', () => {
    const outbox = new Outbox({ dir: tempDir() });
    fill(outbox, 3);
    expect(outbox.ack(2)).toBe(2);
    expect(outbox.ack(1)).toBe(0);
    expect(outbox.ack(99)).toBe(1);
    expect(outbox.lastAckedSeq).toBe(3);
    expect(outbox.append(reading(1_800_000_000_000)).seq).toBe(4);
  });

  it('compacts the file once most of it is acked, keeping order, seq and counters', () => {
    const dir = tempDir();
    const outbox = new Outbox({ dir, capacity: 50, compactMinDeadRecords: 10 });
    fill(outbox, 60); // 10 dropped
    outbox.ack(30);
    const lines = readFileSync(outbox.path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1 + 30); // meta + live samples
    expect(JSON.parse(lines[0] ?? '')).toEqual({ meta: { lastSeq: 60, ackedSeq: 30, dropped: 10 } });
    expect(lines.slice(1).map((line) => JSON.parse(line).sample.seq)).toEqual(
      Array.from({ length: 30 }, (_, index) => 31 + index),
    );

    fill(outbox, 2, 1_800_000_000_000);
    const reloaded = new Outbox({ dir, capacity: 50 });
    expect(seqs(reloaded)).toEqual([...Array.from({ length: 30 }, (_, index) => 31 + index), 61, 62]);
    expect(reloaded.droppedSamples).toBe(10);
    expect(reloaded.lastAckedSeq).toBe(30);
  });

  it('leaves the file alone while little of it is dead', () => {
    const outbox = new Outbox({ dir: tempDir(), compactMinDeadRecords: 1_000 });
    fill(outbox, 20);
    outbox.ack(15);
    expect(readFileSync(outbox.path, 'utf8').trim().split('\n')).toHaveLength(21);
  });

  it('recovers from a torn last line (crash mid-write) without losing the next sample', () => {
    const dir = tempDir();
    fill(new Outbox({ dir }), 3);
    const path = join(dir, 'outbox.jsonl');
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"sample":{"seq":4,"ts":17`);
    const reloaded = new Outbox({ dir });
    expect(seqs(reloaded)).toEqual([1, 2, 3]);
    reloaded.append(reading(1_800_000_000_000));
    expect(seqs(new Outbox({ dir }))).toEqual([1, 2, 3, 4]);
  });

  it('gives backlog batches oldest first after a given seq', () => {
    const outbox = new Outbox({ dir: tempDir() });
    fill(outbox, 10);
    outbox.ack(2);
    expect(outbox.samplesAfter(0, 3).map((sample) => sample.seq)).toEqual([3, 4, 5]);
    expect(outbox.samplesAfter(5, 3).map((sample) => sample.seq)).toEqual([6, 7, 8]);
    expect(outbox.samplesAfter(9, 3).map((sample) => sample.seq)).toEqual([10]);
    expect(outbox.samplesAfter(10, 3)).toEqual([]);
  });
});
