import { describe, expect, it } from 'vitest';
import { sendInPreparedBatches } from '../../src/cloud/task-pool.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('sending in prepared batches', () => {
  it('makes the next batch ready while one is sent, and sends them in order', async () => {
    const events: string[] = [];
    await sendInPreparedBatches(
      [1, 2, 3, 4, 5],
      2,
      async (batch) => {
        events.push(`prepare ${batch.join(',')}`);
        await tick();
        return batch;
      },
      async (batch) => {
        events.push(`send ${batch.join(',')}`);
        await tick();
        events.push(`sent ${batch.join(',')}`);
      },
    );
    expect(events).toEqual([
      'prepare 1,2',
      'prepare 3,4',
      'send 1,2',
      'sent 1,2',
      'prepare 5',
      'send 3,4',
      'sent 3,4',
      'send 5',
      'sent 5',
    ]);
  });

  it('fails with the failing batch and leaves no preparation running', async () => {
    let preparing = 0;
    const sent: number[][] = [];
    const failure = sendInPreparedBatches(
      [1, 2, 3, 4],
      2,
      async (batch) => {
        preparing++;
        await tick();
        preparing--;
        if (batch[0] === 3) throw new Error('the control plane is gone');
        return batch;
      },
      async (batch) => {
        sent.push(batch);
        if (batch[0] === 1) throw new Error('the store refused');
      },
    );
    await expect(failure).rejects.toThrow('the store refused');
    expect(preparing).toBe(0);
    expect(sent).toEqual([[1, 2]]);
  });
});
