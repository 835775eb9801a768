import type { CloudTransferStartArgs, TransferFileResult } from '@tcpa/contracts';
import type { Log } from '../log.ts';
import type { RateLimiter } from '../transfer/rate-limiter.ts';
import type { CloudJournal } from './cloud-journal.ts';
import type { CloudProgress } from './cloud-progress.ts';
import type { CloudAsk } from './cloud-requests.ts';

/** What an upload or a download runs with. */
export interface CloudTransferContext {
  args: CloudTransferStartArgs;
  /** Folders transfers may read and write (real or configured paths). */
  roots: readonly string[];
  /** Folders never read or written: the agent's state folder and program. */
  offLimits: readonly string[];
  ask: CloudAsk;
  journal: CloudJournal;
  limiter: RateLimiter;
  progress: CloudProgress;
  /** Aborted on pause, cancel or the agent stopping. */
  signal: AbortSignal;
  /** The control plane's time (ms): URLs expire on it. */
  now: () => number;
  /** Whether the transfer was canceled (not paused): what it left half-written goes. */
  canceled: () => boolean;
  /** Files failed so far whose failure may pass on another attempt. */
  passingFailures: { count: number };
  /** Requests to the store at once (parts, ranges, small files): the tuner moves it. */
  concurrency: () => number;
  /** The part size of uploads begun from now on (the tuner moves it; a download's ranges keep `args.partSizeBytes`). */
  partSizeBytes: () => number;
  log: Log;
}

export interface CloudTransferResult {
  /** Every file's result (paths are keys, relative to the transfer's prefix), mirror deletions, entries left out. */
  files: TransferFileResult[];
  bytesTotal: number;
  bytesSent: number;
  /** Bytes a journal of an earlier attempt already had. */
  bytesResumed: number;
  durationMs: number;
}
