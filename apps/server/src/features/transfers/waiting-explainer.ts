import { oneAtATime } from './one-at-a-time.ts';

/** Ids explained in one statement at most. */
const PER_STATEMENT = 1000;
/** Ids waiting to be explained at most; past that they wait for the periodic slice (dispatchAsService). */
const MAX_PENDING = 20_000;

/**
 * Explains queued transfers' waiting reasons in batches: a burst of transfers queued at once (a
 * scheduler firing thousands of jobs) costs a few statements, not one each. `explainSoon` resolves
 * once a statement that covered the id has run.
 */
export class WaitingExplainer {
  private pending = new Set<string>();
  private readonly flush = oneAtATime(() => this.explainPending());

  constructor(private readonly explain: (transferIds: string[]) => Promise<void>) {}

  explainSoon(transferId: string): Promise<void> {
    if (this.pending.size < MAX_PENDING) this.pending.add(transferId);
    return this.flush();
  }

  private async explainPending() {
    // Transfers published together (a scheduler batch: hundreds in one synchronous loop) join the
    // first statement, instead of the first id alone and the rest in a second one.
    await new Promise((resume) => setImmediate(resume));
    while (this.pending.size > 0) {
      const ids = [...this.pending].slice(0, PER_STATEMENT);
      for (const id of ids) this.pending.delete(id);
      await this.explain(ids);
    }
  }
}
