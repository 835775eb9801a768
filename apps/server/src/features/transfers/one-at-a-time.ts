/**
 * Wraps `work` so that one run goes at a time: calls made while it runs share one more run after
 * it. Many events asking for the same thing at once (agents connecting, transfers queued) cost
 * two runs, not one each.
 */
export function oneAtATime<T>(work: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const run = (): Promise<T> => {
    if (!current) {
      current = work().finally(() => {
        current = undefined;
      });
      return current;
    }
    next ??= current
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        next = undefined;
        return run();
      });
    return next;
  };
  return run;
}
