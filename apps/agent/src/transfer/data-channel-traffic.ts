import type { Socket } from 'node:net';

/**
 * Bytes this agent moved over the data channel, both ways, as source and as destination: what its
 * telemetry reports as throughput. Rates of running transfers, sampled once a minute, showed an
 * hour's 1 GB as one 10 Mbit/s spike and nothing of what the agent received.
 */
export class DataChannelTraffic {
  private bytesOfClosedSockets = 0;
  private readonly open = new Set<Socket>();

  /** Counts the socket's bytes read and written, until and after it closes. */
  track(socket: Socket): void {
    if (this.open.has(socket)) return;
    this.open.add(socket);
    socket.once('close', () => {
      this.open.delete(socket);
      this.bytesOfClosedSockets += socket.bytesRead + socket.bytesWritten;
    });
  }

  /** Bytes read and written since the agent started. */
  get bytes(): number {
    let total = this.bytesOfClosedSockets;
    for (const socket of this.open) total += socket.bytesRead + socket.bytesWritten;
    return total;
  }
}
