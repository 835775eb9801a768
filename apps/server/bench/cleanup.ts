/**
 * Undo steps for everything the bench starts or creates. They run once, newest first, on
 * success, failure or interruption; a step that fails is reported and the others still run.
 */
export class Cleanup {
  readonly #steps = new Map<number, { label: string; run: () => Promise<void> }>();
  #nextId = 0;
  #running: Promise<void> | undefined;
  readonly #late: Promise<void>[] = [];

  /** Registers a step; returns a function that unregisters it (when the caller undid it itself). */
  add(label: string, run: () => Promise<void>): () => void {
    if (this.#running) {
      // Cleanup already started (interrupted while starting something): undo this at once too.
      this.#late.push(this.#runStep(label, run));
      return () => undefined;
    }
    const id = this.#nextId++;
    this.#steps.set(id, { label, run });
    return () => {
      this.#steps.delete(id);
    };
  }

  async run(): Promise<void> {
    this.#running ??= this.#runAll();
    await this.#running;
    await Promise.all(this.#late);
  }

  async #runAll(): Promise<void> {
    const steps = [...this.#steps.values()].reverse();
    this.#steps.clear();
    for (const { label, run } of steps) await this.#runStep(label, run);
  }

  async #runStep(label: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      console.error(`cleanup: could not ${label}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
