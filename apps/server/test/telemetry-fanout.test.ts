import { setTimeout as sleep } from 'node:timers/promises';
import type { TelemetrySample } from '@tcpa/contracts';
import { describe, expect, it } from 'vitest';
import { type TelemetryBatch, TelemetryFanout } from '../src/features/realtime/telemetry-fanout.ts';

const sample = (seq: number) => ({ seq, ts: Date.now() }) as unknown as TelemetrySample;

describe('TelemetryFanout', () => {
  it('sends the first batch at once, coalesces a burst into one frame per interval, and loses nothing', async () => {
    const frames: Array<{ projectId: string; batches: TelemetryBatch[]; at: number }> = [];
    const started = performance.now();
    const fanout = new TelemetryFanout((projectId, batches) => {
      frames.push({ projectId, batches, at: performance.now() - started });
    }, 40);
    try {
      for (let seq = 1; seq <= 300; seq++) fanout.add('p1', { agentId: `agent-${seq % 30}`, samples: [sample(seq)] });
      fanout.add('p2', { agentId: 'other', samples: [sample(1)] });
      expect(frames.map((f) => [f.projectId, f.batches.length])).toEqual([
        ['p1', 1],
        ['p2', 1],
      ]);
      await sleep(80);
      expect(frames.map((f) => [f.projectId, f.batches.length])).toEqual([
        ['p1', 1],
        ['p2', 1],
        ['p1', 299],
      ]);
      expect(frames[2]?.at).toBeGreaterThanOrEqual(35);
      const seqs = frames
        .filter((f) => f.projectId === 'p1')
        .flatMap((f) => f.batches.flatMap((b) => b.samples.map((s) => s.seq)));
      expect(seqs).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    } finally {
      fanout.close();
    }
  });

  it('drops what is pending when closed, and sends nothing after', async () => {
    const frames: TelemetryBatch[][] = [];
    const fanout = new TelemetryFanout((_projectId, batches) => frames.push(batches), 20);
    fanout.add('p', { agentId: 'a', samples: [sample(1)] });
    fanout.add('p', { agentId: 'a', samples: [sample(2)] });
    fanout.close();
    await sleep(50);
    expect(frames).toHaveLength(1);
  });
});
