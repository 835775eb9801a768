import { MAX_MANIFEST_ENTRIES_PER_FRAME } from '@tcpa/contracts/data-channel';
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
 * The sender's flow (`run`): open the control stream and name the terms, walk the sources and send
 * the manifest a page at a time; as the destination's plan for each page comes back, hash what it
 * partly holds and let the streams send every missing chunk (sending starts while the walk goes
 * on), until each file has its outcome; then say done.
 */
class TransferSender {
  readonly queue: ChunkQueue;
  readonly limiter: RateLimiter;
  private readonly measurements = new SendMeasurements();
  private readonly pool: StreamPool;
  private readonly signal = new ChangeSignal();
  private readonly failure = new FailureLatch();
  private readonly control: SendControl;
  /** Grows while the walk lists the sources; everything below holds this one array. */
  private readonly entries: SourceEntry[] = [];
  private readonly sources = new SourceFiles(this.entries);
  private readonly hashes = new SourceHashes(this.entries);
  private readonly outcomes = this.trackOutcomes();
  private readonly meter: ProgressMeter;
  private removal: SourceRemoval | undefined;
  private readonly deleted: DeletedEntry[] = [];
  private streaming = false;
  /** A dry run's plan, compared once all of it is in (a run acts on each entry as it comes). */
  private readonly dryRunPlan: PlanEntry[] = [];

  constructor(private readonly options: SendTransferOptions) {
    this.queue = new ChunkQueue(options.chunkSize ?? DEFAULT_CHUNK_SIZE);
    this.limiter = new RateLimiter(options.bandwidthLimit);
    this.meter = new ProgressMeter({
      bytesTotal: 0,
      filesTotal: 0,
      bytesResumed: 0,
      intervalMs: options.progressIntervalMs ?? 250,
      onProgress: options.onProgress,
      snapshot: () => ({
        streams: this.pool.activeStreams,
        chunkSize: this.queue.getChunkSize(),
        bytesSent: this.measurements.bytesSent,
      }),
    });
    this.control = new SendControl({
      destination: options.destination,
      token: options.token,
      entries: this.entries,
      traffic: options.traffic,
      log: options.log,
      failure: this.failure,
      onFileResult: (result) => this.outcomes.addResult(result),
      onPlanned: (entries) => this.planned(entries),
      onDeleted: (entries) => this.deleted.push(...entries),
      onFailed: (error) => this.fail(error),
    });
    this.pool = new StreamPool({
      destination: options.destination,
      token: options.token,
      version: () => this.control.version,
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
    const { roots, paths, offLimits, symlinks, filters, overwrite, modifiedAfterMs, dryRun = false } = this.options;
    const mode = this.options.mode ?? 'copy';
    try {
      if (mode === 'move' && !dryRun) this.removal = await SourceRemoval.forPaths(this.entries, paths);
      await this.control.open();
      await this.control.startManifest({
        overwrite: overwrite ?? 'skip_identical',
        mode,
        filters: filters ?? null,
        dryRun,
      });
      const collected = await collectSources(roots, paths, {
        offLimits,
        symlinks,
        filters,
        modifiedAfterMs,
        pageSize: MAX_MANIFEST_ENTRIES_PER_FRAME,
        onPage: (page) => this.listed(page),
      });
      const skipped = collected.skipped;
      this.outcomes.allListed();
      // A mirror keeps what this side holds without sending it: unmodified files, entries skipped with a reason.
      const keep = mode === 'mirror' ? [...collected.unmodified, ...skipped.map((entry) => entry.path)] : [];
      await this.control.endManifest(this.entries.length, keep);
      if (dryRun) return await this.finishDryRun(this.dryRunPlan, skipped, started);
      await this.failure.guard(this.outcomes.complete);
      await this.removal?.settled();
      const { deletionsHeld } = await this.control.finish();
      this.meter.stop();
      const files = this.outcomes.list();
      return {
        ok: files.every((file) => file.status !== 'failed'),
        files,
        deleted: this.deleted,
        ...(deletionsHeld ? { deletionsHeld } : {}),
        skippedSources: skipped,
        bytesTotal: this.meter.bytesTotal,
        bytesResumed: this.meter.bytesResumed,
        bytesSent: this.measurements.bytesSent,
        bytesResent: this.measurements.bytesResent,
        durationMs: performance.now() - started,
        sendingMs: this.meter.sendingMs,
      };
    } catch (error) {
      this.fail(error instanceof TransferError ? error : classifyError(error));
      throw this.failure.error;
    } finally {
      this.meter.stop();
      this.pool.destroyAll();
      this.control.close();
      await this.sources.closeAll();
    }
  }

  /** A page of the walk: counted into the totals and sent as a manifest page. */
  private async listed(page: SourceEntry[]): Promise<void> {
    let files = 0;
    let bytes = 0;
    for (const entry of page) {
      this.entries.push(entry);
      if (entry.kind !== 'file') continue;
      files += 1;
      bytes += entry.size;
    }
    this.meter.addListed(files, bytes);
    await this.control.sendManifestPage(page);
  }

  /**
   * Plan entries as they arrive. Files the destination partly holds or holds a same-size copy of
   * are hashed first (in the background); the others' chunks are queued at once. A dry run
   * compares hashes once the whole plan is in.
   */
  private planned(entries: PlanEntry[]): void {
    if (this.options.dryRun) {
      this.dryRunPlan.push(...entries);
      return;
    }
    for (const item of entries) {
      if (this.entries[item.file]?.kind !== 'file') {
        this.fail(new TransferError('bad_plan', `plan names unknown file ${item.file}`));
        return;
      }
      if (item.have.length === 0 && !item.sha256) this.queuePlanned(item);
      else
        this.hashes.hashInBackground(item, {
          send: (file, sha256) => this.control.sendFileHash(file, sha256),
          whenHashed: (hashed) => this.queuePlanned(hashed),
          onError: (error) => this.fail(error instanceof TransferError ? error : classifyError(error)),
        });
    }
  }

  /** Queues the chunks a planned file still needs; the first ones start the streams. */
  private queuePlanned({ file, have, sha256 }: PlanEntry): void {
    const entry = this.entries[file];
    if (!entry || this.failure.error) return;
    const held = RangeSet.fromPairs(have);
    // An identical copy at the destination is skipped, not resumed.
    if (!(sha256 && sha256 === this.hashes.get(file))) this.meter.addResumed(held.bytes);
    for (const [offset, length] of held.missing(entry.size)) this.queue.add(file, offset, length);
    if (this.queue.size === 0) return;
    if (!this.streaming) {
      this.streaming = true;
      this.pool.reconcile();
    }
    this.signal.notify();
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
    if (this.streaming && !this.outcomes.isComplete) this.pool.reconcile();
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
      onSent: (chunk) => {
        this.meter.chunkSent();
        this.measurements.chunkSent(chunk);
      },
      onAcked: (chunk) => {
        this.measurements.chunkAcked(chunk);
        this.meter.addAcked(chunk.length);
      },
      onResend: (chunk) => this.measurements.chunkResent(chunk),
      onFileFailed: (file, reason) => {
        if (this.outcomes.failHere(file, reason)) this.control.abortFile(file, reason).catch(() => undefined);
      },
    };
  }

  private trackOutcomes(): FileOutcomes {
    return new FileOutcomes(this.entries, {
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
    this.meter.addFileSettled(skipped);
  }

  /** The bytes a settled file adds to what was skipped, or undefined for entries that are not files. */
  private skippedBytesOf(file: number, outcome: FileOutcome): number | undefined {
    const entry = this.entries[file];
    if (entry?.kind !== 'file') return undefined;
    return outcome.status === 'skipped' ? entry.size : 0;
  }
}
