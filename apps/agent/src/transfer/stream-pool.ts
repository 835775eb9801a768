import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { DataChannelVersion } from '@tcpa/contracts/data-channel';
import type { Log } from '../log.ts';
import type { ChunkQueue } from './chunk-queue.ts';
import type { DataChannelTraffic } from './data-channel-traffic.ts';
import { DataStream, type DataStreamHost } from './data-stream.ts';
import { FailureWindow } from './failure-window.ts';
import { connectPinned, type PinnedEndpoint } from './pinned-connect.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { StreamCounts } from './send-measurements.ts';
import type { ChangeSignal } from './signal.ts';
import type { SourceFiles } from './source-files.ts';
import { TransferError } from './transfer-error.ts';

const MAX_STREAMS = 64;
/** Stream failures within STREAM_FAILURE_WINDOW_MS that end the attempt (a stream lost now and then does not). */
const MAX_STREAM_FAILURES = 20;
const STREAM_FAILURE_WINDOW_MS = 60_000;
/** A failed stream is reopened after this, doubled per failure in the window up to MAX_REOPEN_DELAY_MS. */
const REOPEN_DELAY_MS = 200;
const MAX_REOPEN_DELAY_MS = 5_000;

export interface StreamPoolOptions {
  destination: PinnedEndpoint;
  token: string;
  /** The data channel version the control stream agreed on (known before any stream opens). */
  version(): DataChannelVersion;
  queue: ChunkQueue;
  limiter: RateLimiter;
  signal: ChangeSignal;
  /** Streams wanted at first. */
  streams: number;
  /** The files being sent (known once the sources are collected). */
  sources(): SourceFiles;
  /** What each stream reports back: bytes read, chunks sent and acknowledged, files it gave up on. */
  hooks: Pick<
    DataStreamHost,
    'isFileOpen' | 'onReadSlice' | 'onWholeFileHash' | 'onSent' | 'onAcked' | 'onResend' | 'onFileFailed'
  >;
  /** Every file has its outcome, or the transfer failed: open no more streams. */
  isOver(): boolean;
  /** A stream failure the transfer cannot go on after: a token or certificate refused, or too many at once. */
  onFatal(error: TransferError): void;
  traffic?: DataChannelTraffic;
  log?: Log;
}

/**
 * The data streams of one transfer: as many as the target (the tuner moves it), each pulling
 * chunks from the shared queue; a lost stream is reopened after a backoff.
 */
export class StreamPool implements StreamCounts {
  private readonly streams = new Set<DataStream>();
  private readonly streamSockets = new WeakMap<DataStream, Socket>();
  private readonly openSockets = new Set<Socket>();
  private bytesWrittenByClosedSockets = 0;
  private readonly failures = new FailureWindow(STREAM_FAILURE_WINDOW_MS);
  private target: number;

  constructor(private readonly options: StreamPoolOptions) {
    this.target = clampStreams(options.streams);
  }

  get activeStreams(): number {
    return this.streams.size;
  }

  get targetStreams(): number {
    return this.target;
  }

  get streamFailures(): number {
    return this.failures.total;
  }

  /** The streams wanted from now on; `reconcile` opens or retires streams to match. */
  setTarget(count: number): void {
    this.target = clampStreams(count);
  }

  reconcile(): void {
    if (this.options.isOver()) return;
    const active = [...this.streams];
    for (const stream of active.slice(this.target)) {
      this.streams.delete(stream);
      stream.retire();
    }
    while (this.streams.size < this.target) this.start();
  }

  destroyAll(): void {
    for (const stream of this.streams) stream.destroy();
  }

  localPorts(): number[] {
    return [...this.streams].flatMap((stream) => {
      const port = this.streamSockets.get(stream)?.localPort;
      return port ? [port] : [];
    });
  }

  bytesWritten(): number {
    let total = this.bytesWrittenByClosedSockets;
    for (const socket of this.openSockets) total += socket.bytesWritten - socket.writableLength;
    return total;
  }

  private start(): void {
    const { token, queue, limiter, signal, hooks } = this.options;
    const stream: DataStream = new DataStream({
      connect: async () => {
        const socket = await this.connect();
        this.streamSockets.set(stream, socket);
        return socket;
      },
      token,
      version: this.options.version(),
      queue,
      sources: this.options.sources(),
      limiter,
      signal,
      windowBytes: () => Math.max(2 * queue.getChunkSize(), 8 * 1024 * 1024),
      isFinished: () => this.options.isOver(),
      ...hooks,
    });
    this.streams.add(stream);
    stream.run().then(
      () => {
        this.streams.delete(stream);
      },
      (error: unknown) => {
        this.streams.delete(stream);
        if (this.options.isOver()) return;
        const code = error instanceof TransferError ? error.code : '';
        const recent = this.failures.record();
        if (code.startsWith('token_') || code === 'certificate_mismatch' || recent > MAX_STREAM_FAILURES) {
          this.options.onFatal(
            error instanceof TransferError ? error : new TransferError('stream_failed', String(error)),
          );
          return;
        }
        const delay = Math.min(MAX_REOPEN_DELAY_MS, REOPEN_DELAY_MS * 2 ** (recent - 1));
        this.options.log?.warn(
          `data stream ended (${error instanceof Error ? error.message : error}); reopening in ${delay} ms`,
        );
        setTimeout(() => this.reconcile(), delay).unref();
      },
    );
  }

  private async connect(): Promise<TLSSocket> {
    const socket = await connectPinned(this.options.destination);
    this.options.traffic?.track(socket);
    this.openSockets.add(socket);
    socket.once('close', () => {
      this.openSockets.delete(socket);
      this.bytesWrittenByClosedSockets += socket.bytesWritten;
    });
    return socket;
  }
}

function clampStreams(count: number): number {
  return Math.max(1, Math.min(MAX_STREAMS, Math.floor(count)));
}
