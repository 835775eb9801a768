import { ChunkQueue } from './chunk-queue.ts';
import { collectSources, type SourceEntry } from './collect-sources.ts';
import { FailureLatch } from './failure-latch.ts';
import { type FileOutcome, FileOutcomes } from './file-outcomes.ts';
import { RangeSet } from './range-set.ts';
import { RateLimiter } from './rate-limiter.ts';
import { type DeletedEntry, type PlanEntry, SendControl } from './send-control.ts';
import { SendMeasurements, type TransferSample } from './send-measurements.ts';
import type { SendTransferOptions, Transfer, TransferResult } from './send-transfer-types.ts';
import { ChangeSignal } from './signal.ts';
import { SourceFiles } from './source-files.ts';
import { SourceHashes } from './source-hashes.ts';
import { SourceRemoval } from './source-removal.ts';
import { StreamPool, type StreamPoolOptions } from './stream-pool.ts';
import { classifyError, TransferError } from './transfer-error.ts';
import { buildTransferPlan } from './transfer-plan.ts';
import { ProgressMeter } from './transfer-progress.ts';

/**
 * Without a tuner: two streams. On a LAN one TLS stream nearly fills the link; more streams
 * interleave chunks, so the destination hashes more bytes out of order (from memory, colder) —
 * loopback: 5.3 / 5.9 / 6.4 CPU-s per GB for 1 / 2 / 4 streams. The tuner adds streams where latency needs them.
 */
export const DEFAULT_STREAMS = 2;
export const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;

/** Starts sending; the returned handle resolves with per-file outcomes or rejects with a TransferError. */
export function sendTransfer(options: SendTransferOptions): Transfer {
  const sender = new TransferSender(options);
  return {
    result: sender.run(),
    sample: () => sender.sample(),
    setStreams: (count) => sender.setStreams(count),
    setChunkSize: (bytes) => sender.queue.setChunkSize(bytes),
    setBandwidthLimit: (bytesPerSecond) => sender.limiter.setLimit(bytesPerSecond),
    cancel: (reason) => sender.fail(new TransferError('canceled', reason ?? 'transfer canceled')),
  };
}

/**
 * The sender's flow (`run`): collect the sources, open the control stream, exchange manifest and
 * plan, hash what the destination partly holds, let the streams send every missing chunk until
 * each file has its outcome, then say done.
 */
class TransferSender {
  readonly queue: ChunkQueue;
  readonly limiter: RateLimiter;
  private readonly measurements = new SendMeasurements();
  private readonly pool: StreamPool;
  private readonly signal = new ChangeSignal();
  private readonly failure = new FailureLatch();
  private readonly control: SendControl;
  private entries: SourceEntry[] = [];
  private sources = new SourceFiles([]);
  private hashes = new SourceHashes([]);
  private outcomes = this.trackOutcomes([]);
  private meter: ProgressMeter | undefined;
  private removal: SourceRemoval | undefined;
  private readonly deleted: DeletedEntry[] = [];

  constructor(private readonly options: SendTransferOptions) {
    this.queue = new ChunkQueue(options.chunkSize ?? DEFAULT_CHUNK_SIZE);
    this.limiter = new RateLimiter(options.bandwidthLimit);
    this.control = new SendControl({
      destination: options.destination,
      token: options.token,
      traffic: options.traffic,
      failure: this.failure,
      onFileResult: (result) => this.outcomes.addResult(result),
      onDeleted: (entries) => this.deleted.push(...entries),
      onFailed: (error) => this.fail(error),
    });
    this.pool = new StreamPool({
      destination: options.destination,
      token: options.token,
      traffic: options.traffic,
      log: options.log,
      streams: options.streams ?? DEFAULT_STREAMS,
      queue: this.queue,
      limiter: this.limiter,
      signal: this.signal,
      sources: () => this.sources,
      isOver: () => this.outcomes.isComplete || Boolean(this.failure.error),
      onFatal: (error) => this.fail(error),
      hooks: this.streamHooks(),
    });
  }

  async run(): Promise<TransferResult> {
    const started = performance.now();
    const { roots, paths, offLimits, symlinks, filters, overwrite, dryRun = false } = this.options;
    const mode = this.options.mode ?? 'copy';
    try {
      const collected = await collectSources(roots, paths, { offLimits, symlinks, filters });
      const { entries, unmodified } = leaveOutUnmodified(collected.entries, this.options.modifiedAfterMs);
      const skipped = collected.skipped;
      this.entries = entries;
      this.sources = new SourceFiles(entries);
      this.hashes = new SourceHashes(entries);
      this.outcomes = this.trackOutcomes(entries);
      if (mode === 'move' && !dryRun) this.removal = await SourceRemoval.forPaths(entries, paths);
      await this.control.open();
      // A mirror keeps what this side holds without sending it: unmodified files, entries skipped with a reason.
      const keep = mode === 'mirror' ? [...unmodified, ...skipped.map((entry) => entry.path)] : [];
      const terms = { overwrite: overwrite ?? 'skip_identical', mode, filters: filters ?? null, dryRun, keep };
      const plan = await this.control.exchangeManifest(entries, terms);
      if (dryRun) return await this.finishDryRun(plan, skipped, started);
      await this.hashes.hashPlanned(plan, (file, sha256) => this.control.sendFileHash(file, sha256));
      const meter = this.startProgress(plan);
      if (!this.outcomes.isComplete) this.pool.reconcile();
      await this.failure.guard(this.outcomes.complete);
      await this.removal?.settled();
      const { deletionsHeld } = await this.control.finish();
      meter.stop();
      const files = this.outcomes.list();
      return {
        ok: files.every((file) => file.status !== 'failed'),
        files,
        deleted: this.deleted,
        ...(deletionsHeld ? { deletionsHeld } : {}),
        skippedSources: skipped,
        bytesTotal: meter.bytesTotal,
        bytesResumed: meter.bytesResumed,
        bytesSent: this.measurements.bytesSent,
        bytesResent: this.measurements.bytesResent,
        durationMs: performance.now() - started,
        sendingMs: meter.sendingMs,
      };
    } catch (error) {
      this.fail(error instanceof TransferError ? error : classifyError(error));
      throw this.failure.error;
    } finally {
      this.meter?.stop();
      this.pool.destroyAll();
      this.control.close();
      await this.sources.closeAll();
    }
  }

  /** Dry run: hashes the same-size files to compare (sending no hash), then ends with the plan. */
  private async finishDryRun(
    plan: PlanEntry[],
    skippedSources: TransferResult['skippedSources'],
    started: number,
  ): Promise<TransferResult> {
    await this.hashes.hashPlanned(plan, async () => undefined);
    const transferPlan = buildTransferPlan({
      mode: this.options.mode ?? 'copy',
      entries: this.entries,
      plan,
      hashOf: (file) => this.hashes.get(file),
      settled: new Map(this.outcomes.settled()),
      deletions: this.deleted,
      skippedSources,
    });
    await this.control.finish();
    return {
      ok: true,
      files: [],
      deleted: [],
      skippedSources,
      plan: transferPlan,
      bytesTotal: 0,
      bytesResumed: 0,
      bytesSent: 0,
      bytesResent: 0,
      durationMs: performance.now() - started,
      sendingMs: 0,
    };
  }

  sample(): TransferSample {
    return this.measurements.sample(this.pool, this.queue, this.limiter);
  }

  setStreams(count: number): void {
    this.pool.setTarget(count);
    if (this.control.plan.length > 0 && !this.outcomes.isComplete) this.pool.reconcile();
  }

  fail(error: TransferError): void {
    if (!this.failure.set(error)) return;
    this.control.destroy();
    this.pool.destroyAll();
    this.signal.notify();
  }

  /** What the data streams report: bytes read (hashed), chunks sent and acknowledged, files given up on. */
  private streamHooks(): StreamPoolOptions['hooks'] {
    return {
      isFileOpen: (file) => this.outcomes.isOpen(file),
      onReadSlice: (file, offset, slice) => {
        const sha256 = this.hashes.addSlice(file, offset, slice);
        if (sha256) this.control.sendFileHash(file, sha256).catch(() => undefined);
      },
      onWholeFileHash: (file, sha256) => this.hashes.set(file, sha256),
      onSent: (chunk) => this.measurements.chunkSent(chunk),
      onAcked: (chunk) => {
        this.measurements.chunkAcked(chunk);
        this.meter?.addAcked(chunk.length);
      },
      onResend: (chunk) => this.measurements.chunkResent(chunk),
      onFileFailed: (file, reason) => {
        if (this.outcomes.failHere(file, reason)) this.control.abortFile(file, reason).catch(() => undefined);
      },
    };
  }

  /** Queues every chunk the destination lacks and starts the progress meter. */
  private startProgress(plan: readonly PlanEntry[]): ProgressMeter {
    let bytesResumed = 0;
    for (const { file, have, sha256 } of plan) {
      const entry = this.entries[file];
      if (entry?.kind !== 'file') throw new TransferError('bad_plan', `plan names unknown file ${file}`);
      const held = RangeSet.fromPairs(have);
      // An identical copy at the destination is skipped, not resumed.
      if (!(sha256 && sha256 === this.hashes.get(file))) bytesResumed += held.bytes;
      for (const [offset, length] of held.missing(entry.size)) this.queue.add(file, offset, length);
    }
    const files = this.entries.filter((entry) => entry.kind === 'file');
    this.meter = new ProgressMeter({
      bytesTotal: files.reduce((sum, entry) => sum + entry.size, 0),
      filesTotal: files.length,
      bytesResumed,
      intervalMs: this.options.progressIntervalMs ?? 250,
      onProgress: this.options.onProgress,
      snapshot: () => ({
        streams: this.pool.activeStreams,
        chunkSize: this.queue.getChunkSize(),
        bytesSent: this.measurements.bytesSent,
      }),
    });
    // Files settled before the meter existed (identical at the destination) were measured then.
    for (const [index, outcome] of this.outcomes.settled()) {
      const skipped = this.skippedBytesOf(index, outcome);
      if (skipped !== undefined) this.meter.addFileSettled(skipped);
    }
    return this.meter;
  }

  private trackOutcomes(entries: SourceEntry[]): FileOutcomes {
    return new FileOutcomes(entries, {
      hashOf: (file) => this.hashes.get(file),
      onSettled: (file, outcome) => {
        this.hashes.forget(file);
        this.removal?.onSettled(file, outcome);
        if (outcome.status === 'failed') this.queue.dropFile(file);
        void this.sources.release(file);
        this.countSettled(file, outcome);
        this.signal.notify();
      },
    });
  }

  private countSettled(file: number, outcome: FileOutcome): void {
    const skipped = this.skippedBytesOf(file, outcome);
    if (skipped === undefined) return;
    this.measurements.bytesSkipped += skipped;
    this.meter?.addFileSettled(skipped);
  }

  /** The bytes a settled file adds to what was skipped, or undefined for entries that are not files. */
  private skippedBytesOf(file: number, outcome: FileOutcome): number | undefined {
    const entry = this.entries[file];
    if (entry?.kind !== 'file') return undefined;
    return outcome.status === 'skipped' ? entry.size : 0;
  }
}

/**
 * `modifiedAfterMs`: files modified at or before it are not sent (their paths come back, for a
 * mirror to keep); what is sent is numbered again.
 */
function leaveOutUnmodified(
  entries: SourceEntry[],
  modifiedAfterMs: number | null | undefined,
): { entries: SourceEntry[]; unmodified: string[] } {
  if (modifiedAfterMs === null || modifiedAfterMs === undefined) return { entries, unmodified: [] };
  const unmodified: string[] = [];
  const sent: SourceEntry[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'dir' && entry.mtimeMs <= modifiedAfterMs) unmodified.push(entry.path);
    else sent.push({ ...entry, index: sent.length });
  }
  return { entries: sent, unmodified };
}
