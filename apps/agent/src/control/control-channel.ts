import {
  type AgentMessage,
  AgentMessageSchema,
  CloseCode,
  MAX_FRAME_BYTES,
  type ServerToAgentMessage,
  ServerToAgentMessageSchema,
} from '@tcpa/contracts';
import { type RawData, WebSocket } from 'ws';
import { z } from 'zod';
import { describeError, type Log } from '../log.ts';
import { Backoff, type BackoffOptions } from './backoff.ts';
import { refuseCommand } from './command-refusal.ts';
import type { ServerClock } from './server-clock.ts';
import { readUpgradeRejection, type UpgradeRejection } from './upgrade-rejection.ts';

/** Server messages the host handles; ping and pong are answered and measured here. */
export type ServerMessage = Exclude<ServerToAgentMessage, { type: 'ping' | 'pong' }>;

export interface ChannelCloseEvent {
  code: number;
  /** The close frame's reason, or why the attempt failed (refused upgrade, network error). */
  reason: string;
  /** Whether the connection had been established (false: the attempt failed). */
  wasConnected: boolean;
  /** The server closed for good (revoked 4410, rejected 4403): the channel has stopped. */
  final: boolean;
  /** Delay before the next attempt; null when the channel has stopped. */
  reconnectInMs: number | null;
}

export interface ControlChannelDeps {
  /** `ws(s)://host/api/v1/ws` */
  url: string;
  /** A fresh `Authorization` header value for each attempt. */
  createAuthHeader: () => Promise<string>;
  onMessage: (message: ServerMessage) => void;
  onOpen: () => void;
  onClose: (event: ChannelCloseEvent) => void;
  log: Log;
  /** Learns the server's time from every upgrade response's `Date` header (refused ones too). */
  serverClock?: ServerClock;
  random?: () => number;
  backoff?: Omit<BackoffOptions, 'random'>;
  pingIntervalMs?: number;
  /** No message at all from the server for this long: terminate and reconnect. */
  idleTimeoutMs?: number;
  /** A connection that stayed up this long resets the backoff. */
  stableAfterMs?: number;
  handshakeTimeoutMs?: number;
}

/** Close codes after which the agent must not reconnect. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([CloseCode.revoked, CloseCode.forbidden]);

/** An HTTP refusal of the upgrade is read as the close code that resembles it (4000 + status). */
const CLOSE_CODE_FOR_HTTP_STATUS: Record<number, number> = {
  401: CloseCode.unauthorized,
  403: CloseCode.forbidden,
  410: CloseCode.revoked,
};

/**
 * The agent's WebSocket to the control plane. It keeps one connection up: signs a new assertion
 * for every attempt, validates every incoming message, pings every 15 s (measuring the round
 * trip), answers the server's pings, drops a connection that has been silent for 45 s and
 * reconnects with jittered exponential backoff until stopped or closed for good.
 */
export class ControlChannel {
  private readonly backoff: Backoff;
  private readonly pingIntervalMs: number;
  private readonly idleTimeoutMs: number;
  private readonly stableAfterMs: number;
  private readonly handshakeTimeoutMs: number;
  private socket: WebSocket | null = null;
  private stopped = false;
  private started = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private nextPingId = 1;
  private readonly pingsInFlight = new Map<number, number>();
  private lastRttMs: number | null = null;
  private socketClosed: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ControlChannelDeps) {
    this.backoff = new Backoff({ ...deps.backoff, random: deps.random });
    this.pingIntervalMs = deps.pingIntervalMs ?? 15_000;
    this.idleTimeoutMs = deps.idleTimeoutMs ?? 45_000;
    this.stableAfterMs = deps.stableAfterMs ?? 30_000;
    this.handshakeTimeoutMs = deps.handshakeTimeoutMs ?? 15_000;
  }

  /** Round trip of the last answered ping on the current connection, or null. */
  get rttMs(): number | null {
    return this.lastRttMs;
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.connect();
  }

  /** Sends a message on the open connection; false when there is none (or the message is invalid). */
  send(message: AgentMessage): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    const parsed = AgentMessageSchema.safeParse(message);
    if (!parsed.success) {
      this.deps.log.error(`not sending an invalid ${message.type} message: ${z.prettifyError(parsed.error)}`);
      return false;
    }
    const text = JSON.stringify(parsed.data);
    if (Buffer.byteLength(text) > MAX_FRAME_BYTES) {
      this.deps.log.error(`not sending a ${message.type} message of ${Buffer.byteLength(text)} bytes (too large)`);
      return false;
    }
    socket.send(text);
    return true;
  }

  /** Closes the connection (code 1000 by default) and stops reconnecting. */
  async stop(code = 1000, reason = 'agent stopping'): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const socket = this.socket;
    if (socket) {
      if (socket.readyState === WebSocket.OPEN) {
        socket.close(code, reason);
        const force = setTimeout(() => socket.terminate(), 2_000);
        force.unref();
      } else {
        socket.terminate();
      }
    }
    await this.socketClosed;
  }

  private async connect(): Promise<void> {
    this.reconnectTimer = null;
    if (this.stopped) return;
    let authorization: string;
    try {
      authorization = await this.deps.createAuthHeader();
    } catch (error) {
      this.deps.log.error(`cannot sign the agent assertion: ${describeError(error)}`);
      this.scheduleReconnect(1006, 'no assertion', false);
      return;
    }
    if (this.stopped) return;

    const socket = new WebSocket(this.deps.url, {
      headers: { authorization },
      maxPayload: MAX_FRAME_BYTES,
      handshakeTimeout: this.handshakeTimeoutMs,
    });
    this.socket = socket;
    let openedAt: number | null = null;
    let failure: Error | null = null;
    let rejection: UpgradeRejection | null = null;
    this.socketClosed = new Promise((resolve) => socket.once('close', () => resolve()));

    const observeDate = (date: string | undefined) => {
      const problem = this.deps.serverClock?.observeDateHeader(date);
      if (problem) this.deps.log.error(problem);
    };
    socket.on('upgrade', (response) => observeDate(response.headers.date));
    socket.on('unexpected-response', (_request, response) => {
      observeDate(response.headers.date);
      void readUpgradeRejection(response).then((result) => {
        rejection = result;
        socket.terminate();
      });
    });
    socket.on('open', () => {
      openedAt = Date.now();
      this.deps.log.info(`connected to ${this.deps.url}`);
      this.touch(socket);
      this.pingTimer = setInterval(() => this.sendPing(), this.pingIntervalMs);
      this.deps.onOpen();
    });
    socket.on('message', (data, isBinary) => this.receive(socket, data, isBinary));
    socket.on('ping', () => this.touch(socket));
    socket.on('pong', () => this.touch(socket));
    socket.on('error', (error) => {
      failure = error;
    });
    socket.on('close', (code, reasonBuffer) => {
      let reason = reasonBuffer.toString();
      if (rejection) reason = `HTTP ${rejection.status}: ${rejection.message}`;
      else if (openedAt === null && failure) reason = describeError(failure);
      this.closed(socket, {
        code: rejection ? (CLOSE_CODE_FOR_HTTP_STATUS[rejection.status] ?? code) : code,
        reason,
        stayedUpMs: openedAt === null ? null : Date.now() - openedAt,
      });
    });
  }

  private closed(socket: WebSocket, close: { code: number; reason: string; stayedUpMs: number | null }): void {
    if (this.socket === socket) this.socket = null;
    this.clearConnectionTimers();
    this.lastRttMs = null;
    const wasConnected = close.stayedUpMs !== null;
    const final = FINAL_CLOSE_CODES.has(close.code);
    if (final) this.stopped = true;
    if (this.stopped) {
      if (!final) this.deps.log.info('disconnected');
      this.deps.onClose({ code: close.code, reason: close.reason, wasConnected, final, reconnectInMs: null });
      return;
    }
    if (close.stayedUpMs !== null && close.stayedUpMs >= this.stableAfterMs) this.backoff.reset();
    const delay = this.scheduleReconnect(close.code, close.reason, wasConnected);
    const retry = `reconnecting in ${delay < 1_000 ? `${delay} ms` : `${(delay / 1000).toFixed(1)} s`}`;
    if (close.code === CloseCode.upgradeRequired) {
      this.deps.log.error(
        `the control plane speaks another protocol (${close.reason}): replace this program with the control plane's agent (${this.deps.url.replace(/^ws/, 'http').replace(/\/api\/v1\/ws$/, '')}/agent/tcpa-agent.mjs; identity and roots stay), then start it again`,
      );
    }
    if (!wasConnected) {
      this.deps.log.warn(`cannot connect to ${this.deps.url}: ${close.reason || `code ${close.code}`}; ${retry}`);
      return;
    }
    const why = close.reason ? `${close.code} "${close.reason}"` : `${close.code}`;
    this.deps.log.warn(`connection closed (${why}); ${retry}`);
    if (close.code === CloseCode.tryAgainLater) {
      this.deps.log.warn('the server cannot take this agent right now (not an authentication failure); retrying');
    }
    if (close.code === CloseCode.replaced) {
      this.deps.log.warn(
        'another agent connected with this identity: is this state directory also used on another machine or by another process?',
      );
    }
  }

  private scheduleReconnect(code: number, reason: string, wasConnected: boolean): number {
    const delay = this.backoff.nextDelayMs();
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
    this.deps.onClose({ code, reason, wasConnected, final: false, reconnectInMs: delay });
    return delay;
  }

  private receive(socket: WebSocket, data: RawData, isBinary: boolean): void {
    this.touch(socket);
    if (isBinary) {
      this.deps.log.warn('ignored a binary message from the server');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      this.deps.log.warn('ignored a message from the server that is not JSON');
      return;
    }
    const parsed = ServerToAgentMessageSchema.safeParse(json);
    if (!parsed.success) {
      const refused = refuseCommand(json, parsed.error);
      if (refused) {
        this.deps.log.warn(`refused a command from the server: ${refused.error}`);
        this.send({ type: 'command_result', commandId: refused.commandId, ok: false, error: refused.error });
        return;
      }
      const problem = z.prettifyError(parsed.error).replaceAll('\n', ' ').slice(0, 300);
      this.deps.log.warn(`ignored an invalid message from the server: ${problem}`);
      return;
    }
    const message = parsed.data;
    if (message.type === 'ping') {
      this.send({ type: 'pong', id: message.id });
    } else if (message.type === 'pong') {
      const sentAt = this.pingsInFlight.get(message.id);
      if (sentAt !== undefined) {
        this.lastRttMs = Math.max(0, performance.now() - sentAt);
        this.pingsInFlight.delete(message.id);
      }
    } else {
      try {
        this.deps.onMessage(message);
      } catch (error) {
        this.deps.log.error(`handling the server's ${message.type} message failed: ${describeError(error)}`);
      }
    }
  }

  private sendPing(): void {
    const id = this.nextPingId++;
    this.pingsInFlight.set(id, performance.now());
    this.pingsInFlight.delete(id - 10); // a ping unanswered for ten intervals will not be answered
    this.send({ type: 'ping', id });
  }

  /** Any sign of life from the server restarts the silence timer. */
  private touch(socket: WebSocket): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.deps.log.warn(`no message from the server for ${this.idleTimeoutMs / 1000} s; reconnecting`);
      socket.terminate();
    }, this.idleTimeoutMs);
  }

  private clearConnectionTimers(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.pingTimer = null;
    this.idleTimer = null;
    this.pingsInFlight.clear();
  }
}
