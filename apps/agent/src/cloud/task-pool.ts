/**
 * Runs `work` over `items`, at most `concurrency()` at once (read again as each finishes, so it
 * may move while the pool runs). Rejects with the first failure once the started ones settled.
 */
export async function runPool<T>(
  items: Iterable<T>,
  concurrency: () => number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let failure: { error: unknown } | undefined;
  let running = 0;
  await new Promise<void>((resolve) => {
    const next = () => {
      while (!failure && running < Math.max(1, concurrency())) {
        const item = iterator.next();
        if (item.done) break;
        running++;
        work(item.value).then(
          () => {
            running--;
            next();
          },
          (error: unknown) => {
            running--;
            failure ??= { error };
            next();
          },
        );
      }
      if (running === 0) resolve();
    };
    next();
  });
  if (failure) throw failure.error;
}

/** A counting semaphore: `run(work)` waits for a free slot. */
export class Slots {
  private used = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: () => number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    // A slot freed is handed to the next waiter as it is (never counted down and up again).
    if (this.used >= Math.max(1, this.size())) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.used++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.used--;
    }
  }
}

/**
 * Sends `items` 64 at a time (`batchSize`), each batch made ready by `prepare` while the one before
 * is sent: round trips to the control plane and the store then cost no time of their own. No
 * work is left running when a batch fails.
 */
export async function sendInPreparedBatches<T, P>(
  items: readonly T[],
  batchSize: number,
  prepare: (batch: T[]) => Promise<P>,
  send: (prepared: P) => Promise<void>,
): Promise<void> {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += batchSize) batches.push(items.slice(start, start + batchSize));
  let upcoming: Promise<P> | undefined;
  try {
    for (const [index, batch] of batches.entries()) {
      const prepared = await (upcoming ?? prepare(batch));
      const after = batches[index + 1];
      upcoming = after ? prepare(after) : undefined;
      upcoming?.catch(() => {}); // met when awaited, or below if this batch ends the work
      await send(prepared);
    }
  } finally {
    await upcoming?.catch(() => {});
  }
}
