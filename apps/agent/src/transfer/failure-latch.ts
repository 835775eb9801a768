import type { TransferError } from './transfer-error.ts';

/** The first error a transfer failed with; every wait it guards rejects with it at once. */
export class FailureLatch {
  private current: TransferError | undefined;
  private readonly failed: Promise<never>;
  private rejectFailed: (error: TransferError) => void = () => undefined;

  constructor() {
    this.failed = new Promise<never>((_resolve, reject) => {
      this.rejectFailed = reject;
    });
    this.failed.catch(() => undefined); // rejected whether or not anything is waiting
  }

  get error(): TransferError | undefined {
    return this.current;
  }

  /** Records the failure; false if the transfer had failed already (the first error stands). */
  set(error: TransferError): boolean {
    if (this.current) return false;
    this.current = error;
    this.rejectFailed(error);
    return true;
  }

  /** Settles as `wait` does, or rejects with the failure as soon as there is one (at once if there is). */
  guard<T>(wait: Promise<T>): Promise<T> {
    return Promise.race([this.failed, wait]);
  }
}
