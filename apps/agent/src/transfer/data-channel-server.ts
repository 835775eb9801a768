import type { AddressInfo, Socket } from 'node:net';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import {
  HelloFrameSchema,
  MAX_MANIFEST_ENTRIES_PER_FRAME,
  type SourceFrame,
  SourceFrameSchema,
  type TransferTokenClaims,
} from '@tcpa/contracts/data-channel';
import type { JSONWebKeySet } from 'jose';
import type { Log } from '../log.ts';
import type { DataChannelIdentity } from './data-channel-identity.ts';
import { type Frame, FrameError, PREFIX_BYTES } from './frame-codec.ts';
import { FrameSocket } from './frame-socket.ts';
import { HelloGate } from './hello-gate.ts';
import { ReceiveSession } from './receive-session.ts';
import { type Destination, resolveDestinationDir, UnsafePathError } from './safe-path.ts';
import { TLS_CIPHERSUITES } from './tls-options.ts';
import { createTransferTokenVerifier, TransferTokenError, type TransferTokenVerifier } from './transfer-token.ts';

export interface DataChannelServerOptions {
  identity: DataChannelIdentity;
  /** This agent's id: tokens naming another destination are refused. */
  agentId: string;
  /** Absolute directories this agent may write under. */
  roots: string[];
  /** Folders never written into whatever the roots say (the agent's state folder and program). */
  offLimits?: string[];
  /** The control plane's public keys. */
  jwks: JSONWebKeySet;
  host?: string;
  port?: number;
  log?: Log;
  /** From the TCP connection to a verified hello, TLS handshake included. Default 10 s. */
  helloTimeoutMs?: number;
  /** Connections without a verified hello: in all (default 256) and per remote address (default 64). */
  maxPendingConnections?: number;
  maxPendingPerAddress?: number;
}

/** Chunk writes one data stream may have going at once. */
const MAX_WRITES_PER_STREAM = 8;
/**
 * All a peer may send before its hello is verified: one hello frame with the longest token.
 * Peers without a token held up to 16 MiB each before (24 connections: 92 → 451 MiB RSS).
 */
const MAX_HELLO_BYTES = PREFIX_BYTES + (HelloFrameSchema.shape.token.maxLength ?? 16_384) + 256;
/**
 * A source opens up to 64 streams at once (send-transfer's MAX_STREAMS); data streams refused
 * for a moment are reopened. 256 connections holding a hello each stay under a few MiB.
 */
const MAX_PENDING_CONNECTIONS = 256;
const MAX_PENDING_PER_ADDRESS = 64;

interface Connection {
  frames: FrameSocket<SourceFrame>;
  writes: Set<Promise<unknown>>;
  role?: 'control' | 'data';
  session?: ReceiveSession;
}

/**
 * The destination side of the data channel: accepts TLS 1.3 streams, checks the transfer token
 * on each, and writes what arrives under its roots only. A stream that breaks the protocol is
 * ended with an `error` frame; nothing a peer sends can stop the server.
 */
export class DataChannelServer {
  private readonly server: Server;
  private readonly verifier: TransferTokenVerifier;
  private readonly sessions = new Map<string, { session: ReceiveSession; control: Connection }>();
  private readonly connections = new Set<Connection>();
  private readonly gate: HelloGate;

  constructor(private readonly options: DataChannelServerOptions) {
    this.gate = new HelloGate({
      maxPending: options.maxPendingConnections ?? MAX_PENDING_CONNECTIONS,
      maxPendingPerAddress: options.maxPendingPerAddress ?? MAX_PENDING_PER_ADDRESS,
      timeoutMs: options.helloTimeoutMs ?? 10_000,
    });
    this.verifier = createTransferTokenVerifier({ jwks: options.jwks, agentId: options.agentId });
    this.server = createServer(
      {
        key: options.identity.keyPem,
        cert: options.identity.certPem,
        minVersion: 'TLSv1.3',
        ciphers: TLS_CIPHERSUITES,
        handshakeTimeout: 10_000,
      },
      (socket) => this.accept(socket),
    );
    this.server.on('tlsClientError', () => undefined); // failed handshakes (wrong versions, probes) only end that socket
    this.server.on('connection', (socket: Socket) => this.gate.admit(socket));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, this.options.host ?? '0.0.0.0', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return this.port;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const connection of this.connections) connection.frames.destroy();
    this.gate.destroyAll();
    await Promise.allSettled([...this.sessions.values()].map(({ session }) => session.close()));
    this.sessions.clear();
    await closed;
  }

  private accept(socket: TLSSocket): void {
    socket.setNoDelay(true);
    const connection: Connection = {
      writes: new Set(),
      frames: new FrameSocket<SourceFrame>({
        socket,
        schema: SourceFrameSchema,
        onFrame: (frame) => this.handle(connection, frame),
        onPayloadPiece: (header, position, piece) => {
          if (connection.role === 'data' && header.type === 'chunk') {
            connection.session?.hashArriving(header.file, header.offset + position, piece);
          }
        },
        onClose: (error) => this.closed(connection, error),
        untrustedBytes: MAX_HELLO_BYTES,
      }),
    };
    this.connections.add(connection);
    this.gate.onTimeout(socket, () => connection.frames.fail('hello_timeout', 'no verified hello in time'));
  }

  private closed(connection: Connection, error: Error | undefined): void {
    this.connections.delete(connection);
    if (error && !(error instanceof FrameError)) this.options.log?.warn(`data channel stream ended: ${error.message}`);
    if (error instanceof FrameError) this.options.log?.warn(`data channel stream refused: ${error.message}`);
    if (connection.role !== 'control' || !connection.session) return;
    // The source went away: stop writing, keep partial files and journals for its return.
    const current = this.sessions.get(connection.session.transferId);
    if (current?.control === connection) {
      this.sessions.delete(connection.session.transferId);
      void connection.session.close();
    }
  }

  private async handle(connection: Connection, { header, payload, payloadCrc32 }: Frame<SourceFrame>): Promise<void> {
    if (header.type === 'hello') {
      if (connection.role) throw new FrameError('unexpected_frame', 'second hello');
      const claims = await this.verifyToken(header.token);
      if (header.role === 'control') await this.openSession(connection, claims);
      else this.attachData(connection, claims);
      connection.frames.trust();
      this.gate.pass(connection.frames.socket);
      await connection.frames.send({ type: 'hello-ok' });
      return;
    }
    const session = connection.session;
    if (!session) throw new FrameError('unexpected_frame', `${header.type} before hello`);
    if (connection.role === 'data') {
      if (header.type !== 'chunk' || !payload)
        throw new FrameError('unexpected_frame', `${header.type} on a data stream`);
      await this.receiveChunk(connection, session, header, payload, payloadCrc32);
      return;
    }
    switch (header.type) {
      case 'manifest':
        session.addManifest(header.entries);
        return;
      case 'manifest-end': {
        const plan = await session.plan(header.entryCount, header.overwrite);
        for (let start = 0; start < plan.length; start += MAX_MANIFEST_ENTRIES_PER_FRAME) {
          await connection.frames.send({
            type: 'plan',
            entries: plan.slice(start, start + MAX_MANIFEST_ENTRIES_PER_FRAME),
          });
        }
        await connection.frames.send({ type: 'plan-end' });
        return;
      }
      case 'file-hash':
        await session.setFileHash(header.file, header.sha256);
        return;
      case 'file-abort':
        await session.abortFile(header.file, header.reason);
        return;
      case 'done':
        await session.finish();
        this.sessions.delete(session.transferId);
        await connection.frames.send({ type: 'done-ok' });
        return;
      default:
        throw new FrameError('unexpected_frame', `${header.type} on the control stream`);
    }
  }

  /**
   * Checks a chunk and writes it; up to a few writes per stream run at once (many small files
   * land in parallel), each acknowledged when its data is written.
   */
  private async receiveChunk(
    connection: Connection,
    session: ReceiveSession,
    header: Extract<SourceFrame, { type: 'chunk' }>,
    payload: Buffer[],
    crc: number,
  ): Promise<void> {
    const reply = { file: header.file, offset: header.offset, length: header.length };
    if (crc !== header.crc32) {
      session.distrustHash(header.file);
      await connection.frames.send({ type: 'chunk-nack', ...reply, reason: 'crc' });
      return;
    }
    const writes = connection.writes;
    while (writes.size >= MAX_WRITES_PER_STREAM) await Promise.race(writes);
    const write = session
      .writeChunk(header.file, header.offset, payload, header.sha256)
      .then((outcome) =>
        connection.frames.send(
          outcome === 'ok' ? { type: 'chunk-ack', ...reply } : { type: 'chunk-nack', ...reply, reason: 'file-closed' },
        ),
      )
      .catch((error: unknown) =>
        connection.frames.fail(error instanceof FrameError ? error.code : 'write_failed', (error as Error).message),
      )
      .finally(() => writes.delete(write));
    writes.add(write);
  }

  private async verifyToken(token: string): Promise<TransferTokenClaims> {
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof TransferTokenError) throw new FrameError(error.code, error.message);
      throw error;
    }
  }

  private async openSession(connection: Connection, claims: TransferTokenClaims): Promise<void> {
    let destination: Destination;
    try {
      destination = await resolveDestinationDir(this.options.roots, claims.dir, this.options.offLimits);
    } catch (error) {
      if (error instanceof UnsafePathError) throw new FrameError('unsafe_path', error.message);
      throw new FrameError('destination_unavailable', (error as Error).message);
    }
    // A source that reconnects replaces its earlier session; wait until that one has let go.
    const previous = this.sessions.get(claims.tid);
    if (previous) {
      this.sessions.delete(claims.tid);
      previous.control.frames.destroy();
      await previous.session.close();
    }
    const session = new ReceiveSession({
      transferId: claims.tid,
      ...destination,
      onFileResult: (result) => {
        connection.frames.send({ type: 'file-result', ...result }).catch(() => undefined);
      },
    });
    connection.role = 'control';
    connection.session = session;
    this.sessions.set(claims.tid, { session, control: connection });
  }

  private attachData(connection: Connection, claims: TransferTokenClaims): void {
    const current = this.sessions.get(claims.tid);
    if (!current?.session.ready) throw new FrameError('no_session', 'no ready session for this transfer');
    connection.role = 'data';
    connection.session = current.session;
  }
}
