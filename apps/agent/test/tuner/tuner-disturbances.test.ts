import { afterEach, describe, expect, it } from 'vitest';
import { FailureWindow } from '../../src/transfer/failure-window.ts';
import { TransferTuner } from '../../src/tuner/transfer-tuner.ts';
import { ModelTransfer } from './model-transfer.ts';
import { MBIT, MIB } from './path-models.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The tuner where something other than its setting decides the throughput: a limit, an outage, skipped files. */
describe('transfer tuner under a limit or an outage', () => {
  const tuners: TransferTuner[] = [];
  afterEach(() => {
    for (const tuner of tuners.splice(0)) tuner.stop();
  });

  function tune(transfer: ModelTransfer, streams = 2) {
    const tuner = new TransferTuner({
      transfer,
      start: { streams, chunkSize: 4 * MIB },
      measureMs: 50,
      settleMs: 10,
      maxSettleMs: 10,
      tickMs: 5,
      readCounters: () => undefined,
    });
    tuners.push(tuner);
    tuner.start();
    return tuner;
  }
  async function waitFor(done: () => boolean, ms = 10_000) {
    const deadline = Date.now() + ms;
    while (!done() && Date.now() < deadline) await sleep(10);
    expect(done()).toBe(true);
  }

  it('holds its streams where the bandwidth limit binds, says so once, and leaves no history', async () => {
    // 30 Mbit/s per stream, capped at 40 Mbit/s: more streams only queue behind the limiter.
    const transfer = new ModelTransfer((streams) => Math.min(streams * 30 * MBIT, 40 * MBIT));
    transfer.bandwidthLimitBps = 40 * MBIT;
    const tuner = tune(transfer);
    await sleep(1500);
    expect(transfer.streamHistory).toEqual([2]);
    const decisions = tuner.takeUnreported();
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ from: { streams: 2 }, to: { streams: 2 } });
    expect(decisions[0]?.reason).toMatch(
      /^the transfer's bandwidth limit of 40 Mbit\/s binds \(\d+ Mbit\/s measured\); holding 2 streams$/,
    );
    expect(tuner.summary()).toBeUndefined();
  });

  it('does not take an outage for a measurement: no stream explosion, no zero-rate history', async () => {
    // One stream fills this 40 Mbit/s link; during the outage nothing is delivered.
    let outage = false;
    const transfer = new ModelTransfer(() => (outage ? 0 : 40 * MBIT));
    const tuner = tune(transfer);
    // Held: it probes a neighbour now and then.
    await waitFor(() => tuner.decisions.some((decision) => decision.reason.startsWith('steady at 40 Mbit/s')));
    const before = tuner.decisions.length;
    outage = true;
    await sleep(1000);
    outage = false;
    await sleep(800);
    const after = tuner.decisions.slice(before);
    expect(after.map((decision) => decision.reason)).toContainEqual(
      expect.stringMatching(
        /^not a measurement: nothing was delivered in \d+\.\d s \(an outage or a stall\); holding \d streams?$/,
      ),
    );
    expect(after.filter((decision) => decision.reason.startsWith('not a measurement'))).toHaveLength(1);
    for (const decision of tuner.decisions) {
      expect(decision.reason).not.toMatch(/fell 100%|\+\d{5,}%/);
      expect(decision.to.streams).toBeLessThanOrEqual(4);
    }
    expect(Math.max(...transfer.streamHistory)).toBeLessThanOrEqual(4);
    expect(tuner.summary()?.rateBps).toBeGreaterThan(30 * MBIT);
  });

  it('opens no streams into a partition that stops progress from the start', async () => {
    const transfer = new ModelTransfer(() => 0);
    const tuner = tune(transfer);
    const failures = setInterval(() => {
      transfer.streamFailures += 1;
    }, 30);
    await sleep(1200);
    clearInterval(failures);
    expect(transfer.streamHistory).toEqual([2]);
    expect(tuner.decisions).toHaveLength(1);
    expect(tuner.decisions[0]?.reason).toMatch(/^not a measurement: nothing was delivered/);
    expect(tuner.summary()).toBeUndefined();
  });

  it('does not measure intervals in which streams failed or files were skipped', async () => {
    const transfer = new ModelTransfer((streams) => Math.min(streams * 10 * MBIT, 1000 * MBIT));
    const tuner = tune(transfer);
    const skipping = setInterval(() => {
      transfer.bytesSkipped += MIB;
    }, 20);
    await sleep(800);
    clearInterval(skipping);
    expect(transfer.streamHistory).toEqual([2]);
    expect(tuner.decisions.map((decision) => decision.reason)).toEqual([
      'not a measurement: files the destination already held were skipped; holding 2 streams',
    ]);
    const failing = setInterval(() => {
      transfer.streamFailures += 1;
    }, 20);
    await sleep(800);
    clearInterval(failing);
    expect(transfer.streamHistory).toEqual([2]);
    expect(tuner.decisions.at(-1)?.reason).toMatch(
      /^not a measurement: (a data stream|\d+ data streams) failed in \d+\.\d s; holding 2 streams$/,
    );
    // Once undisturbed, it measures and climbs again.
    await waitFor(() => transfer.streams > 2);
  });
});

describe('FailureWindow', () => {
  it('counts stream failures per time window, not per attempt', () => {
    let now = 0;
    const window = new FailureWindow(60_000, () => now);
    // One failure every 10 minutes for a day: never more than one within a minute.
    for (let failure = 0; failure < 144; failure++) {
      now += 600_000;
      expect(window.record()).toBe(1);
    }
    expect(window.total).toBe(144);
    // A burst: 21 within a few seconds.
    now += 120_000;
    let recent = 0;
    for (let failure = 0; failure < 21; failure++) {
      now += 200;
      recent = window.record();
    }
    expect(recent).toBe(21);
  });
});
