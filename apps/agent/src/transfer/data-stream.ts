import type { TLSSocket } from 'node:tls';
import {
  type DataChannelVersion,
  type DestinationFrame,
  DestinationFrameSchema,
  type SourceFrame,
} from '@tcpa/contracts/data-channel';
import type { Chunk, ChunkQueue } from './chunk-queue.ts';
import type { Frame } from './frame-codec.ts';
import { FrameError } from './frame-codec.ts';
import { FrameSocket } from './frame-socket.ts';
import { describeIoError } from './io-error.ts';
import { sha256Of } from './ordered-hash.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { ChangeSignal } from './signal.ts';
import { type ChunkRead, SourceChangedError, type SourceFiles } from './source-files.ts';
import { TransferError } from './transfer-error.ts';

export interface DataStreamHost {
  connect(): Promise<TLSSocket>;
  token: string;
  /** The data channel version the control stream agreed on. */
  version: DataChannelVersion;
  queue: ChunkQueue;
  sources: SourceFiles;
  limiter: RateLimiter;
  signal: ChangeSignal;
  /** Bytes a stream may have sent but not yet seen acknowledged. */
  windowBytes(): number;
  isFinished(): boolean;
  isFileOpen(file: number): boolean;
  /** Bytes of a file as they are read, in order per file (for the whole-file hash). */
  onReadSlice(file: number, offset: number, slice: Buffer): void;
  /** A file read whole in one chunk, with its SHA-256 (it travels on the chunk). */
  onWholeFileHash(file: number, sha256: string): void;
  onSent(chunk: Chunk): void;
  onAcked(chunk: Chunk): void;
  onResend(chunk: Chunk): void;
  onFileFailed(file: number, reason: string): void;
}

const MAX_IN_FLIGHT_CHUNKS = 1024;
/** Reads a stream keeps going at once: the next chunk is read while the last is encrypted and sent. */
const READ_LANES = 4;

/** One parallel TLS stream: pulls chunks from the shared queue, sends them, tracks their acks. */
export class DataStream {
  private readonly inFlight = new Map<string, Chunk>();
  private inFlightBytes = 0;
  private retired = false;
  private closed = false;
  private failure: Error | undefined;
  private frames: FrameSocket<DestinationFrame, SourceFrame> | undefined;
  private helloOk: (() => void) | undefined;

  constructor(private readonly host: DataStreamHost) {}

  /** Stop taking chunks; the stream ends once what it sent is acknowledged. */
  retire(): void {
    this.retired = true;
    this.host.signal.notify();
  }

  destroy(): void {
    this.frames?.destroy();
  }

  async run(): Promise<void> {
    const socket = await this.host.connect();
    const frames = new FrameSocket<DestinationFrame, SourceFrame>({
      socket,
      schema: DestinationFrameSchema,
      onFrame: (frame) => this.handle(frame),
      onClose: (error) => {
        this.closed = true;
        this.failure ??= error ?? new TransferError('stream_lost', 'data stream closed by the destination');
        this.host.signal.notify();
      },
    });
    this.frames = frames;
    try {
      const accepted = new Promise<void>((resolve) => {
        this.helloOk = resolve;
      });
      await frames.send({ type: 'hello', version: this.host.version, token: this.host.token, role: 'data' });
      while (!this.closed) {
        const waiting = this.host.signal.wait();
        if (await Promise.race([accepted.then(() => true), waiting.then(() => false)])) break;
      }
      await Promise.all(Array.from({ length: READ_LANES }, () => this.pump(frames)));
      while (this.inFlight.size > 0 && !this.closed) await this.host.signal.wait();
      if (this.closed && !this.retired && !this.host.isFinished()) throw this.failure;
    } finally {
      for (const chunk of this.inFlight.values()) this.host.queue.requeue(chunk);
      this.inFlight.clear();
      this.host.signal.notify();
      frames.close();
    }
  }

  private async pump(frames: FrameSocket<DestinationFrame, SourceFrame>): Promise<void> {
    while (!this.retired && !this.closed && !this.host.isFinished()) {
      if (this.inFlightBytes >= this.host.windowBytes() || this.inFlight.size >= MAX_IN_FLIGHT_CHUNKS) {
        await this.host.signal.wait();
        continue;
      }
      const chunk = this.host.queue.next();
      if (!chunk) {
        await this.host.signal.wait();
        continue;
      }
      if (!this.host.isFileOpen(chunk.file)) continue;
      // Counted in flight from here, so the window also bounds what is being read.
      const key = `${chunk.file}:${chunk.offset}`;
      this.inFlight.set(key, chunk);
      this.inFlightBytes += chunk.length;
      await this.host.limiter.take(chunk.length);
      const whole = this.host.sources.isWholeFile(chunk);
      let read: ChunkRead;
      try {
        read = await this.host.sources.read(
          chunk,
          whole ? undefined : (offset, slice) => this.host.onReadSlice(chunk.file, offset, slice),
        );
      } catch (error) {
        this.forget(key, chunk);
        const reason =
          error instanceof SourceChangedError ? error.message : `cannot read source: ${describeIoError(error)}`;
        this.host.onFileFailed(chunk.file, reason);
        continue;
      }
      const sha256 = whole ? sha256Of([read.payload]) : undefined;
      if (sha256) this.host.onWholeFileHash(chunk.file, sha256);
      const header: Extract<SourceFrame, { type: 'chunk' }> = {
        type: 'chunk',
        file: chunk.file,
        offset: chunk.offset,
        length: chunk.length,
        crc32: read.crc32,
        ...(sha256 ? { sha256 } : {}),
      };
      try {
        // The buffer goes back to the pool once the socket has encrypted and written it.
        await frames.send(header, read.payload, () => this.host.sources.pool.give(read.payload));
      } catch {
        return;
      }
      this.host.onSent(chunk);
    }
  }

  private forget(key: string, chunk: Chunk): void {
    if (this.inFlight.delete(key)) this.inFlightBytes -= chunk.length;
    this.host.signal.notify();
  }

  private handle({ header }: Frame<DestinationFrame>): void {
    switch (header.type) {
      case 'hello-ok':
        this.helloOk?.();
        return;
      case 'chunk-ack':
      case 'chunk-nack': {
        const key = `${header.file}:${header.offset}`;
        const chunk = this.inFlight.get(key);
        if (!chunk) throw new FrameError('unexpected_frame', `reply for a chunk not in flight: ${key}`);
        this.forget(key, chunk);
        if (header.type === 'chunk-ack') this.host.onAcked(chunk);
        else if (header.reason === 'crc') {
          this.host.onResend(chunk);
          this.host.queue.requeue(chunk);
        }
        return;
      }
      case 'error':
        this.failure = new TransferError(header.code, header.message);
        return;
      default:
        throw new FrameError('unexpected_frame', `${header.type} on a data stream`);
    }
  }
}
