import { randomUUID } from 'node:crypto';
import { AGENT_ASSERTION_AUDIENCE, AGENT_PROTOCOL_VERSION, REALTIME_PATH, type TelemetrySample } from '@tcpa/contracts';
import { createTestDatabase, type TestDatabase } from '@tcpa/db/testing';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import WebSocket from 'ws';
import { parseConfig } from '../src/config/env.ts';
import { type RunningServer, startServer } from '../src/server.ts';
import { newSecretKey } from './test-server.ts';
import { waitUntil } from './wait-until.ts';

/** The real server on a real port and its own fresh database; restartable over the same data. */
export interface LiveServer {
  url: string;
  current: RunningServer;
  testDatabase: TestDatabase;
  request<T = any>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown },
  ): Promise<{ status: number; body: T }>;
  sql<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  restart(): Promise<void>;
  /** Stops the server (the database stays), for a later start() on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A new company on the Professional plan (room for several agents) with one project. */
export async function signUpWithProject(server: LiveServer, name: string) {
  const signup = await server.request('POST', '/api/v1/auth/signup', {
    body: { email: `ops@${name}.test`, password: 'correct horse battery', companyName: `${name} Co` },
  });
  const token: string = signup.body.accessToken;
  await server.sql(`update subscriptions set plan_id = 'professional' where company_id = $1`, [signup.body.company.id]);
  const projectId: string = (await server.request('POST', '/api/v1/projects', { token, body: { name } })).body.id;
  return { token, companyId: signup.body.company.id as string, projectId };
}

export async function startLiveServer(env: Record<string, string> = {}): Promise<LiveServer> {
  const testDatabase = await createTestDatabase();
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    HEARTBEAT_SECONDS: '1',
    PLAN_WATCH_SECONDS: '0.2',
    TCPA_SECRET_KEY: newSecretKey(),
    ...env,
  });
  let current = await startServer(config, { database: testDatabase.database });
  let stopped = false;
  const live: LiveServer = {
    url: current.url,
    current,
    testDatabase,
    async request(method, path, options = {}) {
      const response = await fetch(`${live.url}${path}`, {
        method,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as never };
    },
    sql: (text, params) => testDatabase.database.unsafeAsOwner((tx) => tx.query(text, params)),
    async restart() {
      await live.stop();
      await live.start();
    },
    async stop() {
      if (!stopped) await current.close();
      stopped = true;
    },
    async start() {
      current = await startServer({ ...config, PORT: current.port }, { database: testDatabase.database });
      live.current = current;
      stopped = false;
    },
    async close() {
      await live.stop();
      await testDatabase.dispose();
    },
  };
  return live;
}

/** A WebSocket peer that records what it receives and can wait for a message. */
export class Peer {
  readonly messages: any[] = [];
  closeCode: number | undefined;
  closeReason = '';
  private waiters: Array<() => void> = [];

  /** Real clients answer the server's heartbeat pings; a test can turn that off. */
  answerPings = true;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'ping') {
        if (this.answerPings) this.send({ type: 'pong', id: message.id });
        return;
      }
      this.messages.push(message);
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.on('error', () => undefined);
  }

  static open(url: string, token?: string, headers: Record<string, string> = {}): Promise<Peer> {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}${REALTIME_PATH}`, {
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    const peer = new Peer(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(peer));
      socket.once('error', reject);
    });
  }

  send(message: unknown) {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  async waitFor(predicate: (message: any) => boolean, timeoutMs = 5000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (this.closeCode !== undefined)
        throw new Error(`socket closed (${this.closeCode} ${this.closeReason}) while waiting`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; received: ${JSON.stringify(this.messages).slice(0, 500)}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  async waitForClose(timeoutMs = 5000): Promise<number> {
    return waitUntil('the socket to close', () => this.closeCode, timeoutMs, 20);
  }

  close() {
    this.socket.close();
  }
}

/** An agent identity made the way tcpa-agent makes one: its own Ed25519 key, enrolled by token. */
export class TestAgent {
  agentId = '';
  status = '';
  private constructor(
    private readonly privateKey: CryptoKey,
    readonly publicJwk: JWK,
  ) {}

  static async create() {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const jwk = await exportJWK(publicKey);
    return new TestAgent(privateKey as CryptoKey, { kty: 'OKP', crv: 'Ed25519', x: jwk.x as string });
  }

  async enrol(server: LiveServer, token: string, name = 'agent') {
    const response = await server.request('POST', '/api/v1/agents/enrol', {
      body: { token, name, publicKey: this.publicJwk, hostname: 'test-host', platform: 'linux-x64', version: '0.1.0' },
    });
    if (response.status === 201) {
      this.agentId = response.body.agentId;
      this.status = response.body.status;
    }
    return response;
  }

  /** `protocol: null`: no `proto` claim, as agents signed before there was one. */
  assertion(overrides: { lifetimeSeconds?: number; protocol?: number | null } = {}) {
    const now = Math.floor(Date.now() / 1000);
    const protocol = overrides.protocol === undefined ? AGENT_PROTOCOL_VERSION : overrides.protocol;
    return new SignJWT(protocol === null ? {} : { proto: protocol })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'agent+jwt' })
      .setIssuer(this.agentId)
      .setSubject(this.agentId)
      .setAudience(AGENT_ASSERTION_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + (overrides.lifetimeSeconds ?? 60))
      .setJti(randomUUID())
      .sign(this.privateKey);
  }

  async connect(server: LiveServer, headers: Record<string, string> = {}) {
    return Peer.open(server.url, await this.assertion(), headers);
  }
}

export function sample(seq: number, ts: number, overrides: Partial<TelemetrySample> = {}): TelemetrySample {
  return {
    seq,
    ts,
    cpuPct: 12.5,
    memUsedBytes: 1_000_000,
    memTotalBytes: 8_000_000,
    diskFreeBytes: 50_000_000,
    netRxBytes: 1000 + seq,
    netTxBytes: 2000 + seq,
    activeTransfers: 0,
    throughputBps: 0,
    rttMs: 1.5,
    errors: 0,
    droppedSamples: 0,
    ...overrides,
  };
}
