import { expect, it } from 'vitest';
import { BatchWriter } from '../../src/features/notifications/batch-writer.ts';
import { collapseChannelResults } from '../../src/features/notifications/channel-results.ts';

it('notes each channel once with its last result, after a success that came before a final failure', () => {
  const results = [
    { channelId: 'a', ok: true },
    { channelId: 'b', ok: false },
    { channelId: 'a', ok: false },
    { channelId: 'c', ok: false },
    { channelId: 'b', ok: true },
    { channelId: 'c', ok: false },
  ];
  expect(collapseChannelResults(results)).toEqual([
    // a: the success cleared failing-since, so the failure after it starts it anew.
    { channelId: 'a', ok: true },
    { channelId: 'a', ok: false },
    { channelId: 'b', ok: true },
    { channelId: 'c', ok: false },
  ]);
  expect(collapseChannelResults([])).toEqual([]);
});

it('writes what is added during a write together in the next one, and hands each add its outcome', async () => {
  const writes: number[][] = [];
  let release: () => void = () => undefined;
  const writer = new BatchWriter<number>(async (items) => {
    writes.push(items);
    if (items.includes(4)) throw new Error('refused');
    if (writes.length === 1) await new Promise<void>((resume) => (release = resume));
  }, 2);
  const first = writer.add(1);
  const rest = [writer.add(2), writer.add(3), writer.add(4)];
  release();
  await first;
  const outcomes = await Promise.allSettled(rest);
  expect(writes).toEqual([[1], [2, 3], [4]]);
  expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
});
