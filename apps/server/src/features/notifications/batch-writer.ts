/**
 * Group commit: items added while a write is under way wait and go together in the next one, so
 * writes stay one at a time and grow with the load (one item each when idle, hundreds when busy).
 * Each add resolves once its item is written, or rejects with the write's error.
 */
export class BatchWriter<Item> {
  readonly #write: (items: Item[]) => Promise<void>;
  readonly #maxBatch: number;
  #waiting: Array<{ item: Item; resolve: () => void; reject: (error: unknown) => void }> = [];
  #writing: Promise<void> | undefined;

  constructor(write: (items: Item[]) => Promise<void>, maxBatch = 500) {
    this.#write = write;
    this.#maxBatch = maxBatch;
  }

  add(item: Item): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      this.#writing ??= this.#drain();
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#waiting.length > 0) {
        const batch = this.#waiting.splice(0, this.#maxBatch);
        try {
          await this.#write(batch.map((entry) => entry.item));
          for (const entry of batch) entry.resolve();
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.#writing = undefined;
    }
  }
}
