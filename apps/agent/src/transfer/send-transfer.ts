import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import {
  DATA_CHANNEL_VERSION,
  type DestinationFrame,
  DestinationFrameSchema,
  MAX_MANIFEST_ENTRIES_PER_FRAME,
  type OverwritePolicy,
  type SourceFrame,
  type SymlinkPolicy,
} from '@tcpa/contracts/data-channel';
import type { Log } from '../log.ts';
import { type Chunk, ChunkQueue } from './chunk-queue.ts';
import { collectSources, type SkippedSource, type SourceEntry } from './collect-sources.ts';
import type { DataChannelTraffic } from './data-channel-traffic.ts';
import { DataStream } from './data-stream.ts';
import { FailureWindow } from './failure-window.ts';
import { sha256File } from './file-hash.ts';
import { type Frame, FrameError } from './frame-codec.ts';
import { FrameSocket } from './frame-socket.ts';
import { OrderedHash } from './ordered-hash.ts';
import { connectPinned, type PinnedEndpoint } from './pinned-connect.ts';
import { RangeSet } from './range-set.ts';
import { RateLimiter } from './rate-limiter.ts';
import { ChangeSignal } from './signal.ts';
import { SourceFiles } from './source-files.ts';
import { classifyError, TransferError } from './transfer-error.ts';
import { ProgressMeter, type TransferProgress } from './transfer-progress.ts';

export interface SendTransferOptions {
  /** Directories this agent may read from. */
  roots: string[];
  /** Absolute files or directories inside the roots. */
  paths: string[];
  /** Folders never read whatever the roots say (the agent's state folder and program). */
  offLimits?: string[];
  destination: PinnedEndpoint;
  /** The transfer token from the control plane, shown to the destination on every stream. */
  token: string;
  streams?: number;
  chunkSize?: number;
  /** Bytes per second over all streams; unset for none. */
  bandwidthLimit?: number;
  overwrite?: OverwritePolicy;
  /** What symlinks in the sources become (default preserve). */
  symlinks?: SymlinkPolicy;
  onProgress?: (progress: TransferProgress) => void;
  progressIntervalMs?: number;
  /** Counts the bytes of the transfer's sockets into the agent's telemetry. */
  traffic?: DataChannelTraffic;
  log?: Log;
}

export interface FileOutcome {
  path: string;
  kind: 'file' | 'dir' | 'symlink';
  status: 'written' | 'skipped' | 'failed';
  size: number;
  /** SHA-256 of the file as sent (files only). */
  sha256?: string;
  /** Where it landed, relative to the destination directory. */
  landedPath?: string;
  reason?: string;
}

export interface TransferResult {
  ok: boolean;
  files: FileOutcome[];
  skippedSources: SkippedSource[];
  bytesTotal: number;
  /** Bytes the destination already held from an earlier attempt. */
  bytesResumed: number;
  /** Chunk payload bytes put on the wire, resends included. */
  bytesSent: number;
  bytesResent: number;
  durationMs: number;
  /** Time spent sending: from the first chunk to the end, without connecting and hashing before it. */
  sendingMs: number;
}

/** Counters the tuner reads each probe interval; byte counts are totals since the transfer began. */
export interface TransferSample {
  bytesAcked: number;
  bytesSent: number;
  bytesResent: number;
  /** Bytes the data streams' sockets handed to the kernel: smooth where acknowledgements come a chunk at a time. */
  bytesWritten: number;
  /**
   * Local ports of the streams still taking chunks, to find them in the kernel's TCP info (`ss`):
   * the tuner measures a setting by them while retired streams finish what they hold.
   */
  localPorts: number[];
  /** Streams open now (retiring ones leave once their chunks are acknowledged). */
  activeStreams: number;
  targetStreams: number;
  chunkSize: number;
  /** Chunk send → acknowledgement times (ms) since the previous sample: RTT plus queueing. */
  ackLatenciesMs: number[];
  /** Bytes of files settled without sending (the destination held an identical copy). */
  bytesSkipped: number;
  /** Data streams that failed since the transfer began. */
  streamFailures: number;
  /** The transfer's bandwidth limit in bits per second, or null for none. */
  bandwidthLimitBps: number | null;
}

/** A running transfer: its outcome, and knobs the tuner may turn while it runs. */
export interface Transfer {
  result: Promise<TransferResult>;
  /** Measurements since the previous call (for the tuner). */
  sample(): TransferSample;
  setStreams(count: number): void;
  setChunkSize(bytes: number): void;
  setBandwidthLimit(bytesPerSecond: number | undefined): void;
  cancel(reason?: string): void;
}

/**
 * Without a tuner: two streams. On a LAN one TLS stream nearly fills the link; more streams
 * interleave chunks, so the destination hashes more bytes out of order (from memory, colder) —
 * loopback: 5.3 / 5.9 / 6.4 CPU-s per GB for 1 / 2 / 4 streams. The tuner adds streams where latency needs them.
 */
export const DEFAULT_STREAMS = 2;
export const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;
const MAX_STREAMS = 64;
/** Stream failures within STREAM_FAILURE_WINDOW_MS that end the attempt (a stream lost now and then does not). */
const MAX_STREAM_FAILURES = 20;
const STREAM_FAILURE_WINDOW_MS = 60_000;
/** A failed stream is reopened after this, doubled per failure in the window up to MAX_REOPEN_DELAY_MS. */
const REOPEN_DELAY_MS = 200;
const MAX_REOPEN_DELAY_MS = 5_000;
/** Ack latencies kept between two samples; a tuner samples every second or two. */
const MAX_ACK_SAMPLES = 10_000;

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

class TransferSender {
  readonly queue: ChunkQueue;
  readonly limiter: RateLimiter;
  private readonly signal = new ChangeSignal();
  private entries: SourceEntry[] = [];
  private sources = new SourceFiles([]);
  private readonly outcomes = new Map<number, FileOutcome>();
  private readonly streams = new Set<DataStream>();
  private targetStreams: number;
  private readonly streamFailures = new FailureWindow(STREAM_FAILURE_WINDOW_MS);
  private bytesSkipped = 0;
  private control: FrameSocket<DestinationFrame, SourceFrame> | undefined;
  private failure: TransferError | undefined;
  private readonly waiters = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  private plan: Array<{ file: number; have: Array<[number, number]>; sha256?: string }> = [];
  /** Whole-file hashes, computed while reading each file for sending. */
  private readonly hashes = new Map<number, string>();
  private readonly hashing = new Map<number, OrderedHash>();
  private meter: ProgressMeter | undefined;
  private bytesSent = 0;
  private bytesResent = 0;
  private bytesAcked = 0;
  private readonly sentAt = new Map<string, number>();
  private ackLatencies: number[] = [];
  private readonly dataSockets = new Set<Socket>();
  private readonly streamSockets = new WeakMap<DataStream, Socket>();
  private bytesWrittenByClosedSockets = 0;
  private completed = false;

  constructor(private readonly options: SendTransferOptions) {
    this.queue = new ChunkQueue(options.chunkSize ?? DEFAULT_CHUNK_SIZE);
    this.limiter = new RateLimiter(options.bandwidthLimit);
    this.targetStreams = clampStreams(options.streams ?? DEFAULT_STREAMS);
  }

  async run(): Promise<TransferResult> {
    const started = performance.now();
    try {
      const { entries, skipped } = await collectSources(
        this.options.roots,
        this.options.paths,
        this.options.offLimits,
        this.options.symlinks,
      );
      this.entries = entries;
      this.sources = new SourceFiles(entries);
      await this.openControl();
      await this.exchangeManifest();
      await this.hashPlannedFiles();
      const meter = this.startProgress();
      if (!this.isFinished()) this.reconcileStreams();
      await this.until('finished', () => this.isFinished());
      await this.sendControl({ type: 'done' });
      await this.until('done-ok');
      meter.stop();
      const files = this.entries.map((entry) => this.outcomes.get(entry.index) as FileOutcome);
      return {
        ok: files.every((file) => file.status !== 'failed'),
        files,
        skippedSources: skipped,
        bytesTotal: meter.bytesTotal,
        bytesResumed: meter.bytesResumed,
        bytesSent: this.bytesSent,
        bytesResent: this.bytesResent,
        durationMs: performance.now() - started,
        sendingMs: meter.sendingMs,
      };
    } catch (error) {
      this.fail(error instanceof TransferError ? error : classifyError(error));
      throw this.failure;
    } finally {
      this.meter?.stop();
      for (const stream of this.streams) stream.destroy();
      this.control?.close();
      await this.sources.closeAll();
    }
  }

  sample(): TransferSample {
    const ackLatenciesMs = this.ackLatencies;
    this.ackLatencies = [];
    return {
      bytesAcked: this.bytesAcked,
      bytesSent: this.bytesSent,
      bytesResent: this.bytesResent,
      bytesWritten: this.bytesWritten(),
      localPorts: [...this.streams].flatMap((stream) => {
        const port = this.streamSockets.get(stream)?.localPort;
        return port ? [port] : [];
      }),
      activeStreams: this.streams.size,
      targetStreams: this.targetStreams,
      chunkSize: this.queue.getChunkSize(),
      ackLatenciesMs,
      bytesSkipped: this.bytesSkipped,
      streamFailures: this.streamFailures.total,
      bandwidthLimitBps: this.limiter.limit === undefined ? null : this.limiter.limit * 8,
    };
  }

  setStreams(count: number): void {
    this.targetStreams = clampStreams(count);
    if (this.plan.length > 0 && !this.isFinished()) this.reconcileStreams();
  }

  fail(error: TransferError): void {
    if (this.failure) return;
    this.failure = error;
    for (const waiter of this.waiters.values()) waiter.reject(error);
    this.waiters.clear();
    this.control?.destroy();
    for (const stream of this.streams) stream.destroy();
    this.signal.notify();
  }

  private async openControl(): Promise<void> {
    const socket = await connectPinned(this.options.destination);
    this.options.traffic?.track(socket);
    this.control = new FrameSocket<DestinationFrame, SourceFrame>({
      socket,
      schema: DestinationFrameSchema,
      onFrame: (frame) => this.handleControl(frame),
      onClose: (error) => {
        if (this.completed || this.failure) return;
        const reason = error instanceof TransferError ? error : undefined;
        this.fail(
          reason ??
            new TransferError(
              'connection_lost',
              `lost the connection to the destination agent (${error?.message ?? 'closed'})`,
            ),
        );
      },
    });
    await this.sendControl({
      type: 'hello',
      version: DATA_CHANNEL_VERSION,
      token: this.options.token,
      role: 'control',
    });
    await this.until('hello-ok');
  }

  private async exchangeManifest(): Promise<void> {
    for (let start = 0; start < this.entries.length; start += MAX_MANIFEST_ENTRIES_PER_FRAME) {
      const entries = this.entries
        .slice(start, start + MAX_MANIFEST_ENTRIES_PER_FRAME)
        .map(({ source: _source, ...entry }) => entry);
      await this.sendControl({ type: 'manifest', entries });
    }
    const overwrite = this.options.overwrite ?? 'skip_identical';
    await this.sendControl({ type: 'manifest-end', entryCount: this.entries.length, overwrite });
    await this.until('plan-end');
  }

  /**
   * Files the destination partly holds (resume) or holds a same-size copy of (skip_identical) are
   * hashed before sending: their hash cannot be taken from the chunks alone. A copy with the same
   * hash is not sent at all.
   */
  private async hashPlannedFiles(): Promise<void> {
    const needed = this.plan.filter(({ have, sha256 }) => have.length > 0 || sha256);
    let next = 0;
    const worker = async () => {
      for (let item = needed[next++]; item; item = needed[next++]) {
        const entry = this.entries[item.file];
        if (entry?.kind !== 'file') throw new TransferError('bad_plan', `plan names unknown file ${item.file}`);
        const sha256 = await sha256File(entry.source).catch(() => undefined);
        if (!sha256) continue; // unreadable: reading it for sending reports why
        this.hashes.set(item.file, sha256);
        if (sha256 === item.sha256) item.have = [[0, entry.size]];
        await this.sendControl({ type: 'file-hash', file: item.file, sha256 });
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  }

  private startProgress(): ProgressMeter {
    let bytesResumed = 0;
    for (const { file, have, sha256 } of this.plan) {
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
      snapshot: () => ({ streams: this.streams.size, chunkSize: this.queue.getChunkSize(), bytesSent: this.bytesSent }),
    });
    for (const [index, outcome] of this.outcomes) this.countSettled(index, outcome);
    return this.meter;
  }

  private reconcileStreams(): void {
    if (this.failure || this.isFinished()) return;
    const active = [...this.streams];
    for (const stream of active.slice(this.targetStreams)) {
      this.streams.delete(stream);
      stream.retire();
    }
    while (this.streams.size < this.targetStreams) this.startStream();
  }

  private startStream(): void {
    const stream: DataStream = new DataStream({
      connect: async () => {
        const socket = await this.connectDataSocket();
        this.streamSockets.set(stream, socket);
        return socket;
      },
      token: this.options.token,
      queue: this.queue,
      sources: this.sources,
      limiter: this.limiter,
      signal: this.signal,
      windowBytes: () => Math.max(2 * this.queue.getChunkSize(), 8 * 1024 * 1024),
      isFinished: () => this.isFinished() || Boolean(this.failure),
      isFileOpen: (file) => !this.outcomes.has(file),
      onReadSlice: (file, offset, slice) => this.hashSlice(file, offset, slice),
      onWholeFileHash: (file, sha256) => this.hashes.set(file, sha256),
      onSent: (chunk: Chunk) => {
        this.bytesSent += chunk.length;
        this.sentAt.set(`${chunk.file}:${chunk.offset}`, performance.now());
      },
      onAcked: (chunk: Chunk) => {
        this.bytesAcked += chunk.length;
        this.recordAckLatency(chunk);
        this.meter?.addAcked(chunk.length);
      },
      onResend: (chunk: Chunk) => {
        this.bytesResent += chunk.length;
      },
      onFileFailed: (file, reason) => this.failFileHere(file, reason),
    });
    this.streams.add(stream);
    stream.run().then(
      () => {
        this.streams.delete(stream);
      },
      (error: unknown) => {
        this.streams.delete(stream);
        if (this.failure || this.isFinished()) return;
        const code = error instanceof TransferError ? error.code : '';
        const recent = this.streamFailures.record();
        if (code.startsWith('token_') || code === 'certificate_mismatch' || recent > MAX_STREAM_FAILURES) {
          this.fail(error instanceof TransferError ? error : new TransferError('stream_failed', String(error)));
          return;
        }
        const delay = Math.min(MAX_REOPEN_DELAY_MS, REOPEN_DELAY_MS * 2 ** (recent - 1));
        this.options.log?.warn(
          `data stream ended (${error instanceof Error ? error.message : error}); reopening in ${delay} ms`,
        );
        setTimeout(() => this.reconcileStreams(), delay).unref();
      },
    );
  }

  private async connectDataSocket(): Promise<TLSSocket> {
    const socket = await connectPinned(this.options.destination);
    this.options.traffic?.track(socket);
    this.dataSockets.add(socket);
    socket.once('close', () => {
      this.dataSockets.delete(socket);
      this.bytesWrittenByClosedSockets += socket.bytesWritten;
    });
    return socket;
  }

  private bytesWritten(): number {
    let total = this.bytesWrittenByClosedSockets;
    for (const socket of this.dataSockets) total += socket.bytesWritten - socket.writableLength;
    return total;
  }

  private recordAckLatency(chunk: Chunk): void {
    const key = `${chunk.file}:${chunk.offset}`;
    const sentAt = this.sentAt.get(key);
    this.sentAt.delete(key);
    if (sentAt !== undefined && this.ackLatencies.length < MAX_ACK_SAMPLES) {
      this.ackLatencies.push(performance.now() - sentAt);
    }
  }

  /** Feeds the whole-file hash with bytes just read; a file's last bytes send its hash to the destination. */
  private hashSlice(file: number, offset: number, slice: Buffer): void {
    if (this.hashes.has(file)) return;
    const entry = this.entries[file];
    if (!entry) return;
    let hash = this.hashing.get(file);
    if (!hash) {
      // Reads of a file run in order; only a resend after a lost stream comes out of order.
      hash = new OrderedHash(entry.size, Number.MAX_SAFE_INTEGER, true);
      this.hashing.set(file, hash);
    }
    hash.add(offset, [slice]);
    if (!hash.digest) return;
    this.hashing.delete(file);
    this.hashes.set(file, hash.digest);
    this.sendControl({ type: 'file-hash', file, sha256: hash.digest }).catch(() => undefined);
  }

  private handleControl({ header }: Frame<DestinationFrame>): void {
    switch (header.type) {
      case 'done-ok':
        this.completed = true;
        this.resolve(header.type);
        return;
      case 'hello-ok':
      case 'plan-end':
        this.resolve(header.type);
        return;
      case 'plan':
        this.plan.push(...header.entries);
        return;
      case 'file-result': {
        const entry = this.entries[header.file];
        if (!entry) throw new FrameError('bad_frame', `result for unknown file ${header.file}`);
        if (this.outcomes.has(header.file)) return;
        const outcome: FileOutcome = {
          path: entry.path,
          kind: entry.kind,
          status: header.status,
          size: entry.size,
        };
        const sha256 = entry.kind === 'file' ? (this.hashes.get(header.file) ?? emptyHash(entry.size)) : undefined;
        if (sha256) outcome.sha256 = sha256;
        if (header.path) outcome.landedPath = header.path;
        if (header.reason) outcome.reason = header.reason;
        this.settle(header.file, outcome);
        return;
      }
      case 'error':
        this.fail(new TransferError(header.code, header.message));
        return;
      default:
        throw new FrameError('unexpected_frame', `${header.type} on the control stream`);
    }
  }

  /** A file this side gave up on (its source changed or cannot be read): the destination drops it. */
  private failFileHere(file: number, reason: string): void {
    const entry = this.entries[file];
    if (!entry || this.outcomes.has(file)) return;
    this.settle(file, { path: entry.path, kind: entry.kind, status: 'failed', size: entry.size, reason });
    this.sendControl({ type: 'file-abort', file, reason }).catch(() => undefined);
  }

  private settle(file: number, outcome: FileOutcome): void {
    this.outcomes.set(file, outcome);
    this.hashing.delete(file);
    if (outcome.status === 'failed') this.queue.dropFile(file);
    void this.sources.release(file);
    this.countSettled(file, outcome);
    this.signal.notify();
    if (this.isFinished()) this.resolve('finished');
  }

  private countSettled(file: number, outcome: FileOutcome): void {
    const entry = this.entries[file];
    if (entry?.kind !== 'file') return;
    const skippedBytes = outcome.status === 'skipped' ? entry.size : 0;
    this.bytesSkipped += skippedBytes;
    this.meter?.addFileSettled(skippedBytes);
  }

  private isFinished(): boolean {
    return this.outcomes.size === this.entries.length;
  }

  private sendControl(header: SourceFrame): Promise<void> {
    if (!this.control) return Promise.reject(new TransferError('connection_lost', 'no control stream'));
    return this.control.send(header).catch(() => {
      throw this.failure ?? new TransferError('connection_lost', 'lost the connection to the destination agent');
    });
  }

  private until(name: string, already?: () => boolean): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (already?.()) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.set(name, { resolve, reject }));
  }

  private resolve(name: string): void {
    this.waiters.get(name)?.resolve();
    this.waiters.delete(name);
  }
}

function clampStreams(count: number): number {
  return Math.max(1, Math.min(MAX_STREAMS, Math.floor(count)));
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function emptyHash(size: number): string | undefined {
  return size === 0 ? EMPTY_SHA256 : undefined;
}
