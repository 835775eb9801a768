import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../server/test/wait-until.ts';
import { readTcpCounters } from '../../src/tuner/tcp-counters.ts';
import { TransferTuner } from '../../src/tuner/transfer-tuner.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { ModelTransfer } from './model-transfer.ts';
import { MBIT, MIB } from './path-models.ts';

describe('transfer tuner', () => {
  const tempDir = useTempDirs();
  const tuners: TransferTuner[] = [];
  afterEach(() => {
    for (const tuner of tuners.splice(0)) tuner.stop();
  });

  it('turns a running transfer up where each stream adds throughput, and logs why', async () => {
    const transfer = new ModelTransfer((streams) => Math.min(streams * 4 * MBIT, 1000 * MBIT));
    const tuner = new TransferTuner({
      transfer,
      start: { streams: 16, chunkSize: 4 * MIB },
      startedFrom: {
        setting: { streams: 1, chunkSize: 4 * MIB },
        reason: 'starting from what worked last on this path',
      },
      measureMs: 50,
      settleMs: 10,
      maxSettleMs: 10,
      tickMs: 5,
      readCounters: () => undefined,
    });
    tuners.push(tuner);
    tuner.start();
    expect(transfer.streams).toBe(16);
    await waitUntil('64 streams', () => transfer.streams >= 64, 5000, 20);
    expect(transfer.streams).toBe(64);
    const decisions = tuner.takeUnreported();
    expect(decisions[0]).toMatchObject({
      seq: 0,
      from: { streams: 1 },
      to: { streams: 16 },
      reason: 'starting from what worked last on this path',
    });
    expect(decisions[1]).toMatchObject({ seq: 1, from: { streams: 16 }, to: { streams: 32 }, rttMs: 52 });
    expect(decisions[1]?.throughputBps).toBeGreaterThan(40 * MBIT);
    expect(decisions[1]?.throughputBps).toBeLessThan(90 * MBIT);
    expect(decisions[1]?.reason).toMatch(/^first measurement: \d+ Mbit\/s; probing more streams$/);
    expect(tuner.takeUnreported().length).toBeLessThanOrEqual(2); // each decision is handed out once
    await waitUntil('a summary', () => tuner.summary(), 5000, 20);
    expect(tuner.summary()).toMatchObject({ chunkSize: expect.any(Number), rttMs: 52 });
    expect(tuner.summary()?.streams).toBeGreaterThanOrEqual(32);
  });

  it('reads retransmissions from /proc/net/snmp-style counters', () => {
    const dir = tempDir();
    const file = join(dir, 'snmp');
    writeFileSync(
      file,
      'Ip: Forwarding\nIp: 1\nTcp: RtoAlgorithm OutSegs RetransSegs\nTcp: 1 1000 10\nUdp: InDatagrams\nUdp: 5\n',
    );
    const before = readTcpCounters(file);
    expect(before).toEqual({ outSegments: 1000, retransmittedSegments: 10 });
    expect(readTcpCounters(join(dir, 'missing'))).toBeUndefined();
  });
});
