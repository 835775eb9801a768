import type { Socket } from 'node:net';
import type { z } from 'zod';
import {
  encodeFrame,
  FRAME_LIMITS,
  type Frame,
  FrameDecoder,
  FrameError,
  type PayloadPieceHook,
  PREFIX_BYTES,
} from './frame-codec.ts';
import { byteLength } from './ordered-hash.ts';

export interface FrameSocketOptions<In extends { type: string }> {
  socket: Socket;
  schema: z.ZodType<In>;
  /** Handled one at a time, in order; a throw ends the stream with an `error` frame. */
  onFrame: (frame: Frame<In>) => Promise<void> | void;
  onClose?: (error: Error | undefined) => void;
  onPayloadPiece?: PayloadPieceHook<In>;
  /** Pause reading once this many bytes wait to be handled. */
  maxQueuedBytes?: number;
  /**
   * Bytes the peer may send in all until `trust()` (its hello is verified), in frames without
   * payload; more ends the stream at once, so a peer without a token cannot make us hold more.
   */
  untrustedBytes?: number;
}

/**
 * Frames over one socket: ordered handling with backpressure on both directions. `In` is what the
 * peer sends (checked by `schema`), `Out` what this side may send (checked by the compiler).
 */
export class FrameSocket<In extends { type: string }, Out extends { type: string }> {
  readonly socket: Socket;
  private readonly decoder: FrameDecoder<In>;
  private readonly queue: Frame<In>[] = [];
  private queuedBytes = 0;
  private draining = false;
  /** One wait for 'drain' shared by every frame sent while the socket is full (a listener each made removal quadratic). */
  private writable: Promise<void> | undefined;
  private closed = false;
  private closeError: Error | undefined;
  private socketError: Error | undefined;
  private closeNotified = false;
  private corked = false;
  /** Bytes the peer may still send before `trust()`; undefined once trusted (or never limited). */
  private untrustedLeft: number | undefined;

  constructor(private readonly options: FrameSocketOptions<In>) {
    this.socket = options.socket;
    this.untrustedLeft = options.untrustedBytes;
    const limits =
      options.untrustedBytes === undefined
        ? FRAME_LIMITS
        : { headerBytes: options.untrustedBytes - PREFIX_BYTES, payloadBytes: 0, context: 'before a verified hello' };
    this.decoder = new FrameDecoder(options.schema, options.onPayloadPiece, limits);
    this.socket.on('data', (data: Buffer) => this.receive(data));
    this.socket.on('error', (error) => this.finish(error));
    this.socket.on('close', () => this.finish(undefined));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Resolves once the frame is handed to the socket below its high-water mark. `onWritten` runs
   * when the socket no longer needs the payload (to reuse its buffer).
   */
  send(header: Out, payload?: Buffer, onWritten?: () => void): Promise<void> {
    if (this.closed || this.socket.destroyed) return Promise.reject(new Error('stream closed'));
    // Frames sent in the same tick (acks, results of many small files) leave in one write.
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    const [head, body] = encodeFrame(header, payload);
    let ok = this.socket.write(head as Buffer);
    if (body) ok = this.socket.write(body, onWritten);
    if (ok) return Promise.resolve();
    this.writable ??= new Promise<void>((resolve, reject) => {
      const done = () => {
        this.writable = undefined;
        this.socket.off('drain', done);
        this.socket.off('close', done);
        if (this.socket.destroyed && !this.socket.writableFinished) reject(new Error('stream closed'));
        else resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
    return this.writable;
  }

  /** Tells the peer why and closes; safe to call more than once. */
  fail(code: string, message: string): void {
    if (this.closed) return;
    this.closeError = new FrameError(code, message);
    if (!this.socket.destroyed) {
      for (const piece of encodeFrame({ type: 'error', code, message: message.slice(0, 1000) })) {
        this.socket.write(piece);
      }
      this.socket.end();
      // A peer that never reads must not keep the socket open.
      setTimeout(() => this.socket.destroy(), 2000).unref();
    }
    this.socket.pause();
    this.queue.length = 0;
  }

  /** The peer has shown who it is: frames up to the protocol's limits from now on. */
  trust(): void {
    this.untrustedLeft = undefined;
    this.decoder.limits = FRAME_LIMITS;
  }

  close(): void {
    if (!this.socket.destroyed) this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private receive(data: Buffer): void {
    if (this.closeError) return;
    if (this.untrustedLeft !== undefined) {
      this.untrustedLeft -= data.length;
      if (this.untrustedLeft < 0) {
        this.fail('too_much_before_hello', `more than ${this.options.untrustedBytes} bytes before a verified hello`);
        return;
      }
    }
    let frames: Frame<In>[];
    try {
      frames = this.decoder.push(data);
    } catch (error) {
      this.failWith(error);
      return;
    }
    for (const frame of frames) {
      this.queue.push(frame);
      this.queuedBytes += frame.payload ? byteLength(frame.payload) : 0;
    }
    if (this.queuedBytes + this.decoder.bufferedBytes > (this.options.maxQueuedBytes ?? 32 * 1024 * 1024)) {
      this.socket.pause();
    }
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let frame = this.queue.shift(); frame && !this.closeError; frame = this.queue.shift()) {
        this.queuedBytes -= frame.payload ? byteLength(frame.payload) : 0;
        await this.options.onFrame(frame);
        if (this.socket.isPaused() && this.queuedBytes < (this.options.maxQueuedBytes ?? 32 * 1024 * 1024) / 2) {
          this.socket.resume();
        }
      }
    } catch (error) {
      this.failWith(error);
    } finally {
      this.draining = false;
    }
    if (this.closed) this.notifyClosed();
    else if (!this.closeError && this.socket.isPaused()) this.socket.resume();
  }

  private failWith(error: unknown): void {
    if (error instanceof FrameError) this.fail(error.code, error.message);
    else this.fail('stream_failed', error instanceof Error ? error.message : String(error));
  }

  private finish(error: Error | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.socketError = error;
    // Frames that arrived before the close (an `error` frame, say) are still handled first.
    if (!this.draining) this.notifyClosed();
  }

  private notifyClosed(): void {
    if (this.closeNotified) return;
    this.closeNotified = true;
    this.queue.length = 0;
    this.options.onClose?.(this.closeError ?? this.socketError);
  }
}
