import type { Chunk, ChunkQueue } from './chunk-queue.ts';
import type { RateLimiter } from './rate-limiter.ts';

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

/** What the stream pool tells about its streams and their sockets. */
export interface StreamCounts {
  bytesWritten(): number;
  localPorts(): number[];
  readonly activeStreams: number;
  readonly targetStreams: number;
  readonly streamFailures: number;
}

/** Ack latencies kept between two samples; a tuner samples every second or two. */
const MAX_ACK_SAMPLES = 10_000;

/** The sender's byte counters and chunk round trips, read by the progress meter and the tuner. */
export class SendMeasurements {
  bytesSent = 0;
  bytesResent = 0;
  bytesAcked = 0;
  bytesSkipped = 0;
  private readonly sentAt = new Map<string, number>();
  private ackLatencies: number[] = [];

  chunkSent(chunk: Chunk): void {
    this.bytesSent += chunk.length;
    this.sentAt.set(`${chunk.file}:${chunk.offset}`, performance.now());
  }

  chunkAcked(chunk: Chunk): void {
    this.bytesAcked += chunk.length;
    const key = `${chunk.file}:${chunk.offset}`;
    const sentAt = this.sentAt.get(key);
    this.sentAt.delete(key);
    if (sentAt !== undefined && this.ackLatencies.length < MAX_ACK_SAMPLES) {
      this.ackLatencies.push(performance.now() - sentAt);
    }
  }

  chunkResent(chunk: Chunk): void {
    this.bytesResent += chunk.length;
  }

  /** Totals now, and the ack latencies since the previous sample. */
  sample(streams: StreamCounts, queue: ChunkQueue, limiter: RateLimiter): TransferSample {
    const ackLatenciesMs = this.ackLatencies;
    this.ackLatencies = [];
    return {
      bytesAcked: this.bytesAcked,
      bytesSent: this.bytesSent,
      bytesResent: this.bytesResent,
      bytesWritten: streams.bytesWritten(),
      localPorts: streams.localPorts(),
      activeStreams: streams.activeStreams,
      targetStreams: streams.targetStreams,
      chunkSize: queue.getChunkSize(),
      ackLatenciesMs,
      bytesSkipped: this.bytesSkipped,
      streamFailures: streams.streamFailures,
      bandwidthLimitBps: limiter.limit === undefined ? null : limiter.limit * 8,
    };
  }
}
