import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLog } from '../src/log.ts';
import { TelemetrySampler } from '../src/telemetry/sampler.ts';
import { DataChannelTraffic } from '../src/transfer/data-channel-traffic.ts';
import { sendTransfer } from '../src/transfer/send-transfer.ts';
import { createTransferFixture, type TransferFixture } from './transfer/support/transfer-fixture.ts';

const MIB = 1024 * 1024;
let fixture: TransferFixture | undefined;
afterEach(async () => {
  await fixture?.cleanup();
});

describe("the agent's telemetry throughput", () => {
  it('counts the bytes each agent moved over the data channel, as source and as destination', async () => {
    const sourceTraffic = new DataChannelTraffic();
    const destinationTraffic = new DataChannelTraffic();
    fixture = await createTransferFixture(() => ({ traffic: destinationTraffic }));
    const samplerOf = (traffic: DataChannelTraffic) =>
      new TelemetrySampler({
        roots: [fixture?.base ?? '.'],
        rttMs: () => null,
        onSample: () => undefined,
        transfers: () => ({ activeTransfers: 0, dataChannelBytes: traffic.bytes }),
        log: createLog({ write: () => undefined }),
      });
    const sourceSampler = samplerOf(sourceTraffic);
    const destinationSampler = samplerOf(destinationTraffic);
    const file = join(fixture.sourceRoot, 'moved.bin');
    writeFileSync(file, randomBytes(24 * MIB));

    const outerStart = performance.now();
    await sourceSampler.sample();
    await destinationSampler.sample();
    const innerStart = performance.now();
    const transfer = sendTransfer({
      roots: [fixture.sourceRoot],
      paths: [file],
      destination: { host: '127.0.0.1', port: fixture.port, fingerprint: fixture.fingerprint },
      token: await fixture.token({ paths: [file] }),
      traffic: sourceTraffic,
    });
    expect((await transfer.result).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the sockets close
    const innerEnd = performance.now();
    const sent = await sourceSampler.sample();
    const received = await destinationSampler.sample();
    const outerEnd = performance.now();

    // Between the two readings, 24 MiB went one way (plus frames, TLS and acknowledgements).
    for (const reading of [sent, received]) {
      expect(reading.throughputBps).toBeGreaterThanOrEqual((24 * MIB * 8 * 1000) / (outerEnd - outerStart));
      expect(reading.throughputBps).toBeLessThan((24 * MIB * 1.1 * 8 * 1000) / (innerEnd - innerStart));
    }
    // Nothing moved since: the next reading says so.
    expect((await sourceSampler.sample()).throughputBps).toBe(0);
  });
});
