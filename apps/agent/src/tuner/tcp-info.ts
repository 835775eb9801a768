import { execFile } from 'node:child_process';

/** The kernel's TCP_INFO for one socket, as `ss -ti` prints it. */
export interface SocketInfo {
  localPort: number;
  bytesAcked: number;
  /** Segments retransmitted over the socket's life. */
  retransmitted: number;
  segmentsOut: number;
  /** Smoothed RTT. */
  rttMs: number;
}

/** Totals over the transfer's sockets since the meter began; sockets that closed keep what they counted. */
export interface Delivery {
  bytesAcked: number;
  retransmitted: number;
  segmentsOut: number;
  /** Median smoothed RTT over the sockets open now; null when none is. */
  rttMs: number | null;
}

/** Parses `ss -tinH` output: a socket line, then its indented info line. */
export function parseSocketInfo(output: string): SocketInfo[] {
  const sockets: SocketInfo[] = [];
  const lines = output.split('\n');
  for (let index = 0; index < lines.length - 1; index += 1) {
    const head = lines[index] as string;
    const info = lines[index + 1] as string;
    if (/^\s/.test(head) || !/^\s/.test(info)) continue;
    const local = head.trim().split(/\s+/)[2] ?? '';
    const localPort = Number(local.slice(local.lastIndexOf(':') + 1));
    const number = (pattern: RegExp) => Number(pattern.exec(info)?.[1] ?? Number.NaN);
    const socket = {
      localPort,
      bytesAcked: number(/\bbytes_acked:(\d+)/),
      retransmitted: number(/\bretrans:\d+\/(\d+)/) || 0,
      segmentsOut: number(/\bsegs_out:(\d+)/),
      rttMs: number(/\brtt:([\d.]+)\//),
    };
    if (Number.isInteger(localPort) && localPort > 0 && Number.isFinite(socket.bytesAcked)) sockets.push(socket);
    index += 1;
  }
  return sockets;
}

/** `ss` for the established sockets to one remote port; undefined where `ss` is missing (not Linux). */
export function readSocketInfo(remotePort: number): Promise<SocketInfo[] | undefined> {
  return new Promise((resolve) => {
    execFile(
      'ss',
      ['-tinH', 'state', 'established', 'dport', '=', `:${remotePort}`],
      { timeout: 2000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => resolve(error ? undefined : parseSocketInfo(stdout)),
    );
  });
}

/**
 * Bytes the peer's TCP acknowledged on a transfer's sockets, from the kernel (Node has no
 * TCP_INFO): smooth where chunk acknowledgements come a chunk at a time, and with the
 * socket's own retransmissions and RTT.
 */
export class DeliveryMeter {
  private readonly seen = new Map<number, SocketInfo>();
  private readonly totals = { bytesAcked: 0, retransmitted: 0, segmentsOut: 0 };

  constructor(
    private readonly remotePort: number,
    private readonly read: (remotePort: number) => Promise<SocketInfo[] | undefined> = readSocketInfo,
  ) {}

  async measure(localPorts: number[]): Promise<Delivery | undefined> {
    const sockets = await this.read(this.remotePort);
    if (!sockets) return undefined;
    const ours = new Set(localPorts);
    const rtts: number[] = [];
    for (const socket of sockets) {
      if (!ours.has(socket.localPort)) continue;
      const before = this.seen.get(socket.localPort);
      // A port seen with larger counters before belongs to an earlier socket: count this one from zero.
      const base = before && before.bytesAcked <= socket.bytesAcked ? before : undefined;
      this.totals.bytesAcked += socket.bytesAcked - (base?.bytesAcked ?? 0);
      this.totals.retransmitted += Math.max(0, socket.retransmitted - (base?.retransmitted ?? 0));
      this.totals.segmentsOut += Math.max(0, socket.segmentsOut - (base?.segmentsOut ?? 0));
      this.seen.set(socket.localPort, socket);
      if (Number.isFinite(socket.rttMs)) rtts.push(socket.rttMs);
    }
    for (const port of this.seen.keys()) if (!ours.has(port)) this.seen.delete(port);
    rtts.sort((a, b) => a - b);
    return { ...this.totals, rttMs: rtts.length > 0 ? (rtts[Math.floor(rtts.length / 2)] as number) : null };
  }
}
