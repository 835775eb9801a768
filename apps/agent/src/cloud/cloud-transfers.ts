import { join } from 'node:path';
import type { AgentMessage, CloudTransferStartArgs, TransferOutcome } from '@tcpa/contracts';
import type { Log } from '../log.ts';
import type { TransferReports } from '../run/transfer-reports.ts';
import { RateLimiter } from '../transfer/rate-limiter.ts';
import { NO_ROOT_HINT, parseRelativePath, resolveDestinationDir, UnsafePathError } from '../transfer/safe-path.ts';
import { runCloudDownload } from './cloud-download.ts';
import { CloudJournal } from './cloud-journal.ts';
import { CloudProgress } from './cloud-progress.ts';
import { CloudRequestError, type CloudRequests, describeCloudFailure } from './cloud-requests.ts';
import type { CloudTransferContext, CloudTransferResult } from './cloud-transfer-types.ts';
import { CLOUD_PART_SIZES, CloudTuner } from './cloud-tuner.ts';
import { runCloudUpload } from './cloud-upload.ts';

const PROGRESS_EVERY_MS = 1_000;
const MAX_TUNED_PART_BYTES = Math.max(...CLOUD_PART_SIZES);
/** Failures that pass by themselves: the transfer waits for them without using up an attempt. */
const WAITING_FOR: Partial<Record<string, string>> = {
  timeout: 'the control plane',
  connection_lost: 'the control plane',
  unavailable: 'the storage location',
  throttled: 'the storage location (it asked to slow down)',
};

export interface CloudTransfersDeps {
  stateDir: string;
  roots: string[];
  offLimits: string[];
  requests: CloudRequests;
  send(message: AgentMessage): unknown;
  reports: TransferReports;
  onReported(): void;
  /** The control plane's time (ms): URLs expire on it. */
  now: () => number;
  /** How often the tuner measures; 0: no tuning, the setting the control plane gave holds. */
  tuneIntervalMs: number;
  log: Log;
}

interface Running {
  attempt: number;
  controller: AbortController;
  done: Promise<void>;
  stopping: 'paused' | 'canceled' | 'agent stopping' | null;
}

/**
 * Transfers between this agent and a storage location (`transfer.cloud_start`): runs each as an
 * upload or a download, reports progress, file pages and the outcome as a source agent does,
 * and stops on pause or cancel (a pause keeps the journal for the next attempt, a cancel drops it).
 */
export class CloudTransfers {
  private readonly active = new Map<string, Running>();

  constructor(private readonly deps: CloudTransfersDeps) {}

  get ids(): string[] {
    return [...this.active.keys()];
  }

  has(transferId: string): boolean {
    return this.active.has(transferId);
  }

  start(args: CloudTransferStartArgs): void {
    const running = this.active.get(args.transferId);
    if (running) {
      // A resume can arrive while the paused attempt still winds down: it starts once that one has.
      if (running.stopping) void running.done.then(() => this.start(args));
      return;
    }
    if (this.deps.reports.finishedTransferIds().has(args.transferId)) return;
    const controller = new AbortController();
    const entry: Running = { attempt: args.attempt, controller, done: Promise.resolve(), stopping: null };
    entry.done = this.run(args, entry).finally(() => {
      if (this.active.get(args.transferId) === entry) this.active.delete(args.transferId);
    });
    this.active.set(args.transferId, entry);
  }

  /** `transfer.pause` / `transfer.cancel` for this attempt or a later one. */
  stop(transferId: string, attempt: number, how: 'paused' | 'canceled'): void {
    const entry = this.active.get(transferId);
    if (!entry || entry.attempt > attempt) return;
    entry.stopping = how;
    entry.controller.abort(new Error(how));
  }

  async stopAll(): Promise<void> {
    for (const entry of this.active.values()) {
      entry.stopping = 'agent stopping';
      entry.controller.abort(new Error('agent stopping'));
    }
    await Promise.all([...this.active.values()].map((entry) => entry.done));
  }

  private async run(args: CloudTransferStartArgs, entry: Running): Promise<void> {
    const journal = new CloudJournal(this.deps.stateDir, args.transferId);
    const progress = new CloudProgress();
    const tuner = this.deps.tuneIntervalMs > 0 ? tunerFor(args, progress) : undefined;
    const context: CloudTransferContext = {
      args,
      roots: this.deps.roots,
      offLimits: this.deps.offLimits,
      ask: this.deps.requests.forTransfer(args.transferId, args.attempt),
      journal,
      limiter: new RateLimiter(args.bandwidthLimitBps ? args.bandwidthLimitBps / 8 : undefined),
      progress,
      signal: entry.controller.signal,
      now: this.deps.now,
      concurrency: () => tuner?.concurrency ?? args.concurrency,
      partSizeBytes: () => tuner?.partSizeBytes ?? args.partSizeBytes,
      canceled: () => entry.stopping === 'canceled',
      passingFailures: { count: 0 },
      log: this.deps.log,
    };
    const what = `${args.direction} ${args.transferId} (attempt ${args.attempt}) ${args.direction === 'upload' ? 'to' : 'from'} ${args.storeLabel}`;
    this.deps.log.info(`cloud ${what} started`);
    const timer = setInterval(() => this.sendProgress(context, tuner), PROGRESS_EVERY_MS);
    tuner?.start(this.deps.tuneIntervalMs);
    try {
      const result = await this.runDirection(context);
      tuner?.stop();
      this.sendProgress(context, tuner);
      const failed = result.files.filter((file) => file.status === 'failed');
      await journal.remove();
      this.deps.reports.addFinished(args.transferId, result.files, {
        state: failed.length === 0 ? 'succeeded' : 'failed',
        ...(failed.length > 0 ? { reason: failedFilesReason(failed, result.files.length) } : {}),
        // A file that failed on the way (the store unreachable, a full disk) may pass on another attempt.
        retryable: context.passingFailures.count > 0,
        stats: {
          bytesTotal: result.bytesTotal,
          bytesSent: result.bytesSent,
          bytesResumed: result.bytesResumed,
          durationMs: result.durationMs,
          averageBps: result.durationMs > 0 ? Math.round((result.bytesSent * 8000) / result.durationMs) : null,
        },
      });
      this.deps.onReported();
      this.deps.log.info(
        `cloud ${what} ${failed.length === 0 ? 'succeeded' : `ended with ${failed.length} files failed`}`,
      );
    } catch (error) {
      if (entry.stopping) {
        this.deps.log.info(`cloud ${what} ${entry.stopping}`);
        if (entry.stopping === 'canceled') await journal.remove();
        return; // the control plane asked for it (or the agent stops): nothing to report
      }
      if (error instanceof CloudRequestError && error.code === 'stopped') return; // that attempt is over there
      const retryable =
        !(error instanceof UnsafePathError) && !(error instanceof CloudRequestError && error.code === 'credentials');
      if (!retryable) await journal.remove();
      const waitingFor = error instanceof CloudRequestError ? WAITING_FOR[error.code] : undefined;
      this.deps.log.warn(`cloud ${what} failed: ${describeCloudFailure(error, args.storeLabel)}`);
      this.report({
        transferId: args.transferId,
        state: 'failed',
        reason: describeCloudFailure(error, args.storeLabel).slice(0, 2000),
        retryable,
        ...(waitingFor ? { waitingFor } : {}),
      });
    } finally {
      clearInterval(timer);
      tuner?.stop();
    }
  }

  private async runDirection(context: CloudTransferContext): Promise<CloudTransferResult> {
    const { args } = context;
    const root = this.deps.roots[0];
    if (!root) throw new UnsafePathError(`this agent has no transfer root: ${NO_ROOT_HINT}`);
    if (args.direction === 'upload') {
      const paths = args.sourcePaths.map((path) => join(root, ...parseRelativePath(path)));
      return runCloudUpload(context, paths);
    }
    if (!args.destinationDir) throw new UnsafePathError('a download needs a destination folder');
    const destination = await resolveDestinationDir(this.deps.roots, args.destinationDir, this.deps.offLimits);
    return runCloudDownload(context, destination);
  }

  private sendProgress(context: CloudTransferContext, tuner: CloudTuner | undefined) {
    const { args, progress } = context;
    const decisions = tuner?.takeDecisions() ?? [];
    this.deps.send({
      type: 'transfer_progress',
      transferId: args.transferId,
      bytesDone: progress.bytesDone,
      bytesTotal: progress.bytesTotal,
      filesDone: progress.filesDone,
      filesTotal: progress.filesTotal,
      rateBps: progress.rateBytesPerSecond() * 8,
      streams: context.concurrency(),
      chunkSize: args.direction === 'upload' ? context.partSizeBytes() : args.partSizeBytes,
      ...(decisions.length > 0 && { decisions }),
    });
  }

  private report(outcome: TransferOutcome) {
    const { transferId, ...rest } = outcome;
    this.deps.reports.addFinished(transferId, [], rest);
    this.deps.onReported();
  }
}

function failedFilesReason(failed: { path: string; error: string | null }[], total: number): string {
  const first = failed[0];
  const which = first ? `${first.path}: ${first.error ?? 'failed'}` : 'unknown';
  return `${failed.length} of ${total} files could not be transferred (${which}); the others were`.slice(0, 2000);
}

/**
 * The tuner of a transfer, where there is something to tune: not under a bandwidth limit (the
 * limit, not the setting, sets the rate) and not for a store that takes files whole.
 */
function tunerFor(args: CloudTransferStartArgs, progress: CloudProgress): CloudTuner | undefined {
  if (args.bandwidthLimitBps || args.partSizeBytes > MAX_TUNED_PART_BYTES) return undefined;
  return new CloudTuner({
    start: { streams: args.concurrency, chunkSize: args.partSizeBytes },
    tunePartSize: args.direction === 'upload',
    bytesDone: () => progress.bytesDone,
  });
}
