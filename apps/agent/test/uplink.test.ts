import type { AgentMessage } from '@tcpa/contracts';
import { describe, expect, it } from 'vitest';
import { Outbox, type TelemetryReading } from '../src/telemetry/outbox.ts';
import { TelemetryUplink } from '../src/telemetry/uplink.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs();

const reading = (ts: number): TelemetryReading => ({
  ts,
  cpuPct: 1,
  memUsedBytes: 1,
  memTotalBytes: 2,
  diskFreeBytes: 3,
  netRxBytes: 0,
  netTxBytes: 0,
  activeTransfers: 0,
  throughputBps: 0,
  rttMs: 4,
  errors: 0,
});

/** An uplink over a real outbox whose "socket" records what was sent. */
function setUp(backlog: number) {
  const outbox = new Outbox({ dir: tempDir() });
  for (let index = 0; index < backlog; index++) outbox.append(reading(1_700_000_000_000 + index));
  const sent: number[][] = [];
  let connected = true;
  const uplink = new TelemetryUplink({
    outbox,
    send: (message: AgentMessage) => {
      if (!connected || message.type !== 'telemetry') return false;
      sent.push(message.samples.map((sample) => sample.seq));
      return true;
    },
  });
  const addLive = () => uplink.sampleAdded(outbox.append(reading(1_800_000_000_000)));
  return {
    outbox,
    uplink,
    sent,
    addLive,
    disconnect: () => (connected = false),
    reconnect: () => (connected = true),
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('TelemetryUplink', () => {
  it('sends nothing before a session starts (not connected or not active)', () => {
    const { sent, addLive } = setUp(0);
    addLive();
    expect(sent).toEqual([]);
  });

  it('replays a backlog oldest first in batches of 500 with at most two batches awaiting an ack', () => {
    const { uplink, sent, addLive } = setUp(1_200);
    uplink.startSession();
    expect(sent).toEqual([range(1, 500), range(501, 1_000)]);

    addLive(); // seq 1201 waits behind the backlog
    expect(sent).toHaveLength(2);

    uplink.acknowledged(500);
    expect(sent.slice(2)).toEqual([range(1_001, 1_201)]);

    uplink.acknowledged(1_201);
    addLive(); // nothing older waiting: sent at once, on its own
    expect(sent.slice(3)).toEqual([[1_202]]);
  });

  it('sends live samples at once, even while earlier ones await their ack', () => {
    const { uplink, sent, addLive } = setUp(0);
    uplink.startSession();
    addLive();
    addLive();
    addLive();
    expect(sent).toEqual([[1], [2], [3]]);
  });

  it('replays what was sent but never acknowledged on the next session, and only that', () => {
    const { uplink, sent, addLive, disconnect, reconnect } = setUp(3);
    uplink.startSession();
    expect(sent).toEqual([[1, 2, 3]]);
    uplink.acknowledged(1);
    disconnect();
    uplink.endSession();
    addLive(); // sampled while offline: stays in the outbox
    expect(sent).toHaveLength(1);

    sent.length = 0;
    reconnect();
    uplink.startSession();
    expect(sent).toEqual([[2, 3, 4]]);
  });
});
