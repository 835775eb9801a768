/** Wakes everyone waiting when something they may be waiting for has changed. */
export class ChangeSignal {
  private waiters: Array<() => void> = [];

  wait(timeoutMs = 1000): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
