import type { AddressInfo, Socket } from 'node:net';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import {
  type DataChannelVersion,
  type DestinationFrame,
  HelloFrameSchema,
  MAX_MANIFEST_ENTRIES_PER_FRAME,
  OLDEST_DATA_CHANNEL_VERSION,
  type SourceFrame,
  SourceFrameSchema,
  type TransferTokenClaims,
} from '@tcpa/contracts/data-channel';
import type { JSONWebKeySet } from 'jose';
import type { Log } from '../log.ts';
import type { DataChannelIdentity } from './data-channel-identity.ts';
import type { DataChannelTraffic } from './data-channel-traffic.ts';
import { type Frame, FrameError, PREFIX_BYTES } from './frame-codec.ts';
import { FrameSocket } from './frame-socket.ts';
import { HelloGate } from './hello-gate.ts';
import type { MirrorDeletion } from './mirror-deletions.ts';
import { ReceiveSession } from './receive-session.ts';
import type { PlanEntry, PlanOptions } from './receive-session-types.ts';
import { type Destination, resolveDestinationDir, UnsafePathError } from './safe-path.ts';
import { TLS_CIPHERSUITES } from './tls-options.ts';
import { TransferAdmission } from './transfer-admission.ts';
import {
  createTransferTokenVerifier,
  TransferTokenError,
  type TransferTokenVerifier,
  type VerifiedTransferToken,
} from './transfer-token.ts';

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
  /** Counts the bytes of every stream into the agent's telemetry. */
  traffic?: DataChannelTraffic;
  /** The control plane's time (ms), on which transfer tokens expire; this machine's clock may be off. */
  now?: () => number;
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
  frames: FrameSocket<SourceFrame, DestinationFrame>;
  writes: Set<Promise<unknown>>;
  role?: 'control' | 'data';
  /** The data channel version its hello spoke (a control stream of 3 plans page by page). */
  version?: DataChannelVersion;
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
  private readonly sessions = new Map<
    string,
    { session: ReceiveSession; control: Connection; claims: TransferTokenClaims }
  >();
  private readonly admission = new TransferAdmission();
  private readonly connections = new Set<Connection>();
  private readonly gate: HelloGate;

  constructor(private readonly options: DataChannelServerOptions) {
    this.gate = new HelloGate({
      maxPending: options.maxPendingConnections ?? MAX_PENDING_CONNECTIONS,
      maxPendingPerAddress: options.maxPendingPerAddress ?? MAX_PENDING_PER_ADDRESS,
      timeoutMs: options.helloTimeoutMs ?? 10_000,
    });
    this.verifier = createTransferTokenVerifier({
      jwks: options.jwks,
      agentId: options.agentId,
      ...(options.now ? { now: options.now } : {}),
    });
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

  /** Listens on `port` (default: the one given at construction, 0 for any free one); resolves to the port. */
  async listen(port = this.options.port ?? 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, this.options.host ?? '0.0.0.0', () => {
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
    this.options.traffic?.track(socket);
    const connection: Connection = {
      writes: new Set(),
      frames: new FrameSocket<SourceFrame, DestinationFrame>({
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

  /**
   * The control plane stopped the transfer (cancel, pause): its attempts up to `attempt` stop
   * writing now, their streams are dropped, and their tokens open nothing any more.
   */
  async stopTransfer(transferId: string, attempt: number): Promise<void> {
    this.admission.stopped(transferId, attempt);
    const current = this.sessions.get(transferId);
    if (current && current.claims.att <= attempt) {
      await this.dropSession(transferId, {
        code: 'transfer_stopped',
        message: 'the control plane stopped this transfer',
      });
    }
  }

  /** A source agent was revoked: what it sends is dropped, and its tokens open nothing any more. */
  async revokeSource(agentId: string): Promise<void> {
    this.admission.sourceRevoked(agentId);
    const ids = [...this.sessions].filter(([, { claims }]) => claims.src === agentId).map(([id]) => id);
    const why = { code: 'source_revoked', message: 'the source agent was revoked' };
    await Promise.all(ids.map((id) => this.dropSession(id, why)));
  }

  /** Ends a session: its control and data streams are closed (saying why), partial files and journals stay. */
  private async dropSession(transferId: string, why: { code: string; message: string }): Promise<void> {
    const current = this.sessions.get(transferId);
    if (!current) return;
    this.sessions.delete(transferId);
    for (const connection of this.connections) {
      if (connection.session === current.session) connection.frames.fail(why.code, why.message);
    }
    await current.session.close();
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
    if (header.type === 'error') {
      // The source stopped and said why: nothing to answer, the stream just ends.
      this.options.log?.info(`data channel stream ended by the source: ${header.code}: ${header.message}`);
      connection.frames.close();
      return;
    }
    if (header.type === 'hello') {
      if (connection.role) throw new FrameError('unexpected_frame', 'second hello');
      const token = await this.verifyToken(header.token);
      if (header.role === 'control') await this.openSession(connection, token);
      else this.attachData(connection, token);
      connection.version = header.version;
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
      case 'manifest-start': {
        if (connection.version === OLDEST_DATA_CHANNEL_VERSION) {
          throw new FrameError('unexpected_frame', `manifest-start on data channel ${OLDEST_DATA_CHANNEL_VERSION}`);
        }
        if (session.entryCount > 0) throw new FrameError('unexpected_frame', 'manifest-start after the manifest');
        const { type: _type, ...terms } = header;
        session.start({ ...this.termsOf(session, terms), sameInPlan: true });
        return;
      }
      case 'manifest':
        session.addManifest(header.entries);
        if (session.started) await sendPlan(connection, await session.planPage(header.entries));
        return;
      case 'keep':
        session.addKeep(header.paths);
        return;
      case 'manifest-end': {
        if (connection.version === OLDEST_DATA_CHANNEL_VERSION) {
          const { overwrite, sameInPlan } = header;
          if (!overwrite) throw new FrameError('bad_frame', 'manifest-end without overwrite');
          const how = this.termsOf(session, { ...header, overwrite });
          await sendPlan(
            connection,
            await session.plan(header.entryCount, { ...how, sameInPlan: sameInPlan ?? false }),
          );
        } else {
          if (!session.started) throw new FrameError('unexpected_frame', 'manifest-end before manifest-start');
          const { type: _type, entryCount, ...terms } = header;
          if (Object.keys(terms).length > 0) {
            throw new FrameError('bad_frame', 'on data channel 3 the terms come in manifest-start, not manifest-end');
          }
          await session.end(entryCount);
        }
        if (session.mirrors && session.dryRun) await sendDeletions(connection, await session.listDeletions());
        await connection.frames.send({ type: 'plan-end' });
        return;
      }
      case 'file-hash':
        await session.setFileHash(header.file, header.sha256);
        return;
      case 'file-abort':
        await session.abortFile(header.file, header.reason);
        return;
      case 'done': {
        await session.finish();
        const mirrored = session.mirrors && !session.dryRun ? await session.mirror() : undefined;
        this.sessions.delete(session.transferId);
        if (mirrored && 'deleted' in mirrored) await sendDeletions(connection, mirrored.deleted);
        await connection.frames.send({
          type: 'done-ok',
          ...(mirrored && 'held' in mirrored ? { deletionsHeld: mirrored.held } : {}),
        });
        return;
      }
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

  /** The terms a source named; a mirror only when the transfer token says mirror too. */
  private termsOf(
    session: ReceiveSession,
    terms: Pick<PlanOptions, 'overwrite' | 'mode' | 'filters' | 'dryRun'>,
  ): PlanOptions {
    const mode = terms.mode ?? 'copy';
    if (mode === 'mirror' && this.sessions.get(session.transferId)?.claims.mode !== 'mirror') {
      throw new FrameError(
        'mode_refused',
        'a mirror deletes at the destination, and the transfer token does not allow it (the control plane signs the mode)',
      );
    }
    return { overwrite: terms.overwrite, mode, filters: terms.filters ?? null, dryRun: terms.dryRun ?? false };
  }

  private async verifyToken(token: string): Promise<VerifiedTransferToken> {
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof TransferTokenError) throw new FrameError(error.code, error.message);
      throw error;
    }
  }

  private async openSession(connection: Connection, { claims, expired }: VerifiedTransferToken): Promise<void> {
    if (expired) throw new FrameError('token_expired', 'transfer token expired');
    this.admit(claims);
    let destination: Destination;
    try {
      destination = await resolveDestinationDir(this.options.roots, claims.dir, this.options.offLimits);
    } catch (error) {
      if (error instanceof UnsafePathError) throw new FrameError('unsafe_path', error.message);
      throw new FrameError('destination_unavailable', (error as Error).message);
    }
    // A newer attempt, or a source that reconnects, replaces the earlier session; wait until that one has let go.
    this.admission.accepted(claims);
    await this.dropSession(claims.tid, { code: 'token_superseded', message: 'a newer control stream took over' });
    const session = new ReceiveSession({
      transferId: claims.tid,
      ...destination,
      names: namesOf(claims.paths),
      onFileResult: (result) => {
        connection.frames.send({ type: 'file-result', ...result }).catch(() => undefined);
      },
    });
    connection.role = 'control';
    connection.session = session;
    this.sessions.set(claims.tid, { session, control: connection, claims });
  }

  /**
   * A data stream joins its attempt's accepted session, even once the token expired: a long
   * transfer opens streams as it tunes, hours after it started.
   */
  private attachData(connection: Connection, { claims }: VerifiedTransferToken): void {
    this.admit(claims);
    const current = this.sessions.get(claims.tid);
    if (!current?.session.started || current.claims.jti !== claims.jti) {
      throw new FrameError('no_session', 'no ready session for this attempt of the transfer');
    }
    connection.role = 'data';
    connection.session = current.session;
  }

  private admit(claims: TransferTokenClaims): void {
    try {
      this.admission.check(claims);
    } catch (error) {
      if (error instanceof TransferTokenError) throw new FrameError(error.code, error.message);
      throw error;
    }
  }
}

/** What a manifest page (or, version 2, the whole manifest) needs, a page per frame. */
async function sendPlan(connection: Connection, plan: PlanEntry[]): Promise<void> {
  for (let start = 0; start < plan.length; start += MAX_MANIFEST_ENTRIES_PER_FRAME) {
    await connection.frames.send({ type: 'plan', entries: plan.slice(start, start + MAX_MANIFEST_ENTRIES_PER_FRAME) });
  }
}

/** A mirror's deletions back to the source, a page per frame. */
async function sendDeletions(connection: Connection, deletions: MirrorDeletion[]): Promise<void> {
  for (let start = 0; start < deletions.length; start += MAX_MANIFEST_ENTRIES_PER_FRAME) {
    await connection.frames.send({
      type: 'deleted',
      entries: deletions.slice(start, start + MAX_MANIFEST_ENTRIES_PER_FRAME),
    });
  }
}

/** What a transfer may write in its destination directory: the last part of each source path, and below. */
function namesOf(paths: readonly string[]): Set<string> {
  return new Set(paths.map((path) => path.split('/').filter(Boolean).at(-1) ?? path));
}
