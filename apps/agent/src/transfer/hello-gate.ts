import type { Socket } from 'node:net';

export interface HelloGateLimits {
  /** Connections without a verified hello, in all. */
  maxPending: number;
  /** … and from one remote address, so one peer cannot take every place. */
  maxPendingPerAddress: number;
  /** From the TCP connection to a verified hello, TLS handshake included. */
  timeoutMs: number;
}

interface Pending {
  socket: Socket;
  address: string;
  timer: NodeJS.Timeout;
  /** Ends the connection with a reason once its TLS handshake is done; before, it is just closed. */
  onTimeout?: () => void;
}

/**
 * Counts data-channel connections from their TCP accept until their hello is verified. Beyond
 * the caps a new connection is closed at once (before its TLS handshake); one without a verified
 * hello in time is closed. Anyone who can reach the port gets this far, token or not.
 */
export class HelloGate {
  private readonly pending = new Map<string, Pending>();
  private readonly perAddress = new Map<string, number>();

  constructor(private readonly limits: HelloGateLimits) {}

  /** Each TCP connection, as accepted: counted, or destroyed when there is no place for it. */
  admit(socket: Socket): void {
    const key = connectionKey(socket);
    const address = socket.remoteAddress;
    const fromAddress = address ? (this.perAddress.get(address) ?? 0) : 0;
    if (
      !key ||
      !address ||
      this.pending.size >= this.limits.maxPending ||
      fromAddress >= this.limits.maxPendingPerAddress
    ) {
      socket.destroy();
      return;
    }
    const entry: Pending = {
      socket,
      address,
      timer: setTimeout(() => (entry.onTimeout ? entry.onTimeout() : socket.destroy()), this.limits.timeoutMs),
    };
    entry.timer.unref();
    this.pending.set(key, entry);
    this.perAddress.set(address, fromAddress + 1);
    socket.once('close', () => this.release(key, entry));
  }

  /** The connection finished its TLS handshake: on timeout, `onTimeout` ends it (with a reason). */
  onTimeout(socket: Socket, onTimeout: () => void): void {
    const entry = this.pending.get(connectionKey(socket) ?? '');
    if (entry) entry.onTimeout = onTimeout;
  }

  /** Its hello was verified: it no longer counts. */
  pass(socket: Socket): void {
    const key = connectionKey(socket);
    const entry = key ? this.pending.get(key) : undefined;
    if (key && entry) this.release(key, entry);
  }

  /** Closes every connection still waiting (the server is closing). */
  destroyAll(): void {
    for (const { socket } of this.pending.values()) socket.destroy();
  }

  private release(key: string, entry: Pending): void {
    if (this.pending.get(key) !== entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(key);
    const left = (this.perAddress.get(entry.address) ?? 1) - 1;
    if (left > 0) this.perAddress.set(entry.address, left);
    else this.perAddress.delete(entry.address);
  }
}

/** The TCP four-tuple: the same for the accepted socket and the TLS socket over it. */
function connectionKey(socket: Socket): string | undefined {
  const { localAddress, localPort, remoteAddress, remotePort } = socket;
  if (!remoteAddress || !remotePort) return undefined;
  return `${localAddress}:${localPort}|${remoteAddress}:${remotePort}`;
}
