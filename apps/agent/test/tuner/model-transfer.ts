import type { TransferSample } from '../../src/transfer/send-measurements.ts';
import type { TunableTransfer } from '../../src/tuner/transfer-tuner.ts';

/**
 * A transfer whose sockets take bytes at a rate set by its stream count, in real time. `rateBps`
 * may read the transfer's state (an outage: 0); the counters a real transfer keeps are fields.
 */
export class ModelTransfer implements TunableTransfer {
  streams = 0;
  chunkSize = 0;
  bytesSkipped = 0;
  streamFailures = 0;
  bandwidthLimitBps: number | null = null;
  /** Every stream count the tuner set, in order. */
  readonly streamHistory: number[] = [];
  private bytes = 0;
  private last = performance.now();
  constructor(private readonly rateBps: (streams: number) => number) {}
  sample(): TransferSample {
    const now = performance.now();
    this.bytes += (this.rateBps(this.streams) / 8) * ((now - this.last) / 1000);
    this.last = now;
    return {
      bytesAcked: this.bytes,
      bytesSent: this.bytes,
      bytesResent: 0,
      bytesWritten: this.bytes,
      localPorts: [],
      activeStreams: this.streams,
      targetStreams: this.streams,
      chunkSize: this.chunkSize,
      ackLatenciesMs: [50, 52, 60],
      bytesSkipped: this.bytesSkipped,
      streamFailures: this.streamFailures,
      bandwidthLimitBps: this.bandwidthLimitBps,
    };
  }
  setStreams(count: number) {
    this.sample();
    this.streams = count;
    this.streamHistory.push(count);
  }
  setChunkSize(bytes: number) {
    this.chunkSize = bytes;
  }
}
