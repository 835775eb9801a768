import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  AGENT_PROTOCOL_VERSION,
  CloseCode,
  MAX_FRAME_BYTES,
  PROJECT_EVENT_PERMISSIONS,
  type ProjectEvent,
  REALTIME_PATH,
  type TelemetrySample,
} from '@tcpa/contracts';
import { decodeJwt } from 'jose';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { AgentAssertionVerifier, isAgentAssertion } from '../../auth/agent-assertion.ts';
import { authenticate, recheckApiKeyAsService } from '../../auth/authenticate.ts';
import type { Principal } from '../../auth/principal.ts';
import { AppError } from '../../http/app-error.ts';
import { clientAddressOf } from '../../http/client-address.ts';
import type { ServerDeps } from '../../server-deps.ts';
import { loadAgentConfigAsService } from '../agents/agent-config.ts';
import type { AgentConnections } from '../agents/agent-connections.ts';
import { setAgentOnlineAsService, toAgent, touchAgentsAsService } from '../agents/agents.sql.ts';
import type { CloudRequests } from '../cloud-transfers/cloud-requests.ts';
import { runsOfTransferAsService } from '../jobs/jobs.sql.ts';
import type { TelemetryIngest } from '../telemetry/telemetry-ingest.ts';
import type { TransfersService } from '../transfers/transfers.service.ts';
import { type AgentIdentity, AgentSession } from './agent-session.ts';
import { ClientSession } from './client-session.ts';
import type { FleetEvent } from './event-bus.ts';
import { type Serialized, serialize } from './socket-session.ts';
import { TelemetryFanout } from './telemetry-fanout.ts';
import { readWatchAccess } from './watch-access.ts';

/** How long dashboards' telemetry is coalesced per project (see TelemetryFanout). */
const TELEMETRY_FANOUT_MS = 50;

const AUTH_TIMEOUT_MS = 5000;
/** Messages held while a peer authenticates; more is a flood, not a peer waiting for its hello. */
const MAX_HELD_MESSAGES = 100;
/** Transfer states a job run follows (ended, or queued again by a retry); progress moves no run. */
const RUN_MOVING_STATES = new Set(['succeeded', 'failed', 'canceled', 'queued']);

const closeCodeFor = (status: 'revoked' | 'rejected') =>
  status === 'revoked' ? CloseCode.revoked : CloseCode.forbidden;

export interface RealtimeHubOptions extends Pick<ServerDeps, 'database' | 'tokens' | 'log' | 'bus'> {
  /** The agents held here: the hub registers each session, others send through it. */
  agents: AgentConnections;
  ingest: TelemetryIngest;
  heartbeatMs: number;
  /** Proxies in front of the server, for reading an agent's address (config TRUST_PROXY_HOPS). */
  trustProxyHops: number;
  transfers: TransfersService;
  /** Answers runner agents' cloud requests (transfers to and from storage locations). */
  cloud: Pick<CloudRequests, 'answerAsService'>;
}

/**
 * The one WebSocket endpoint. Agents and clients (dashboards, MCP) authenticate, then agents
 * stream telemetry in and get config and commands out, while clients subscribe to projects and
 * get agent status and telemetry. Fan-out goes through the event bus, so any node's events reach
 * the sockets held by this one.
 */
export class RealtimeHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly subscribers = new Map<string, Set<ClientSession>>();
  private readonly clients = new Set<ClientSession>();
  private readonly verifier: AgentAssertionVerifier;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unsubscribeBus: () => void;
  private readonly telemetryFanout = new TelemetryFanout(
    (projectId, batches) => this.broadcast({ type: 'telemetry', projectId, batches }),
    TELEMETRY_FANOUT_MS,
  );

  constructor(private readonly options: RealtimeHubOptions) {
    this.verifier = new AgentAssertionVerifier(options.database);
    // Agents take the server's time from the upgrade (before they are authenticated), so an agent
    // whose clock is off can sign its next assertion on the server's time.
    this.wss.on('headers', (headers) => headers.push(`Date: ${new Date().toUTCString()}`));
    this.unsubscribeBus = options.bus.subscribe((event) => this.onFleetEvent(event));
    this.timers.push(setInterval(() => this.heartbeat(), options.heartbeatMs));
    this.timers.push(setInterval(() => void this.touchConnectedAgents(), Math.min(10_000, options.heartbeatMs)));
  }

  get clientCount() {
    return this.clients.size;
  }

  attach(server: Server) {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path !== REALTIME_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => void this.accept(ws, request));
    });
  }

  private async accept(ws: WebSocket, request: IncomingMessage) {
    ws.on('error', () => undefined);
    // Peers may speak before authentication finishes; hold their messages for the session.
    const early: RawData[] = [];
    const hold = (data: RawData) => {
      if (early.length < MAX_HELD_MESSAGES) early.push(data);
      else if (ws.readyState === ws.OPEN)
        ws.close(CloseCode.tooManyMessages, 'too many messages before authentication');
    };
    ws.on('message', hold);
    const header = request.headers.authorization;
    const credential = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : await this.firstMessageCredential(ws);
    if (ws.readyState !== ws.OPEN) return;
    if (!credential) {
      ws.close(CloseCode.unauthorized, 'send "Authorization: Bearer …" or {"type":"auth","token":…} first');
      return;
    }
    try {
      if (isAgentAssertion(credential)) await this.acceptAgentAsService(ws, credential, this.agentAddressOf(request));
      else await this.acceptClient(ws, credential);
      ws.off('message', hold);
      for (const data of early) ws.emit('message', data, false);
    } catch (error) {
      if (!(error instanceof AppError)) {
        // The credential was not judged (the database is unreachable, most likely): not an auth failure.
        this.options.log.error({ err: error }, 'websocket accept failed');
        ws.close(
          CloseCode.tryAgainLater,
          'the server cannot check credentials now (database unreachable?); try again later',
        );
        return;
      }
      ws.close(error.code === 'forbidden' ? CloseCode.forbidden : CloseCode.unauthorized, error.message.slice(0, 120));
    }
  }

  private firstMessageCredential(ws: WebSocket): Promise<string | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        ws.close(CloseCode.authTimeout, 'no credentials within 5 s');
        resolve(undefined);
      }, AUTH_TIMEOUT_MS);
      ws.once('message', (data) => {
        clearTimeout(timer);
        try {
          const message = JSON.parse(data.toString()) as { type?: unknown; token?: unknown };
          resolve(message.type === 'auth' && typeof message.token === 'string' ? message.token : undefined);
        } catch {
          resolve(undefined);
        }
      });
    });
  }

  /** Where sources dial this agent (unless an administrator set its dataHost): as its HTTP requests are seen. */
  private agentAddressOf(request: IncomingMessage): string {
    const forwardedFor = request.headers['x-forwarded-for'];
    return (
      clientAddressOf(
        Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor,
        request.socket.remoteAddress,
        this.options.trustProxyHops,
      ) ?? '127.0.0.1'
    );
  }

  private async acceptAgentAsService(ws: WebSocket, credential: string, remoteAddress: string) {
    const agent = await this.verifier.verifyAsService(credential);
    if (agent.protocol !== AGENT_PROTOCOL_VERSION) {
      // Fits a close frame's reason (123 bytes); the full advice is kept on the agent for the dashboard.
      const reason = `agent protocol ${agent.protocol}, server ${AGENT_PROTOCOL_VERSION}: install this server's agent`;
      await this.verifier.recordRefusalAsService(
        agent.agentId,
        agent.clockSkewMs,
        `This agent speaks protocol ${agent.protocol} and this control plane ${AGENT_PROTOCOL_VERSION}: replace its program with the control plane's (curl -fsSL <server>/agent/tcpa-agent.mjs -o ~/.tcpa-agent/bin/tcpa-agent; its identity and roots stay), then start it again.`,
      );
      ws.close(CloseCode.upgradeRequired, reason);
      return;
    }
    if (agent.status === 'revoked' || agent.status === 'rejected') {
      ws.close(closeCodeFor(agent.status), `agent is ${agent.status}`);
      return;
    }
    const config = await loadAgentConfigAsService(this.options.database, agent.companyId);
    if (ws.readyState !== ws.OPEN) return;
    this.options.agents.get(agent.agentId)?.close(CloseCode.replaced, 'replaced by a newer connection');
    // The announcement of the data channel is written after the connection is recorded (which forgets the old one).
    let markedOnline: Promise<void> = Promise.resolve();
    const session = new AgentSession(
      ws,
      { ...agent },
      config,
      {
        ingest: (identity, samples) => this.options.ingest.add(identity, samples),
        publishTelemetry: (identity, samples) => this.publishTelemetry(identity, samples),
        onAgentClosed: (closed) => void this.onAgentClosed(closed),
        onTransferProgress: (identity, progress) =>
          this.guard(this.options.transfers.progressAsService(identity.agentId, progress)),
        onTransferFiles: (identity, files) =>
          this.logged(this.options.transfers.filesAsService(identity.agentId, files)),
        onTransferOutcome: (identity, outcome) =>
          this.logged(this.options.transfers.outcomeAsService(identity.agentId, outcome)),
        onTransferReconcile: (identity, known) =>
          this.logged(this.options.transfers.reconcileAsService(identity.agentId, known)),
        onCommandFailed: (identity, commandId, error) =>
          void this.guard(this.options.transfers.commandFailedAsService(identity.agentId, commandId, error)),
        onRequestAnswered: (identity, requestId, answer) =>
          this.options.agents.answered(identity.agentId, requestId, answer),
        onCloudRequest: (identity, request) => this.options.cloud.answerAsService(identity.agentId, request),
        onDataChannel: (identity, endpoint) =>
          this.guard(
            markedOnline.then(() => this.options.transfers.dataChannelOpenedAsService(identity.agentId, endpoint)),
          ),
      },
      remoteAddress,
    );
    this.options.agents.register(session);
    // Not awaited: held messages are replayed into the session as soon as it exists.
    markedOnline = this.setOnline(agent.agentId, true, agent.clockSkewMs);
    void markedOnline.then(() => this.guard(this.options.transfers.agentConnectedAsService(agent.agentId)));
  }

  private async acceptClient(ws: WebSocket, credential: string) {
    const principal = await authenticate(`Bearer ${credential}`, this.options.database, this.options.tokens);
    const expiresAtMs = await this.expiryOf(principal, credential);
    if (ws.readyState !== ws.OPEN) return;
    const session = new ClientSession(ws, principal, expiresAtMs, {
      readAccess: (who, projectIds) => readWatchAccess(this.options.database, who, projectIds),
      subscribe: (client, projectId) => {
        const set = this.subscribers.get(projectId) ?? new Set<ClientSession>();
        this.subscribers.set(projectId, set);
        set.add(client);
      },
      unsubscribe: (client, projectId) => this.removeSubscriber(client, projectId),
      onClientClosed: (client) => {
        this.clients.delete(client);
        for (const projectId of client.projects) this.removeSubscriber(client, projectId);
      },
    });
    this.clients.add(session);
  }

  /** When the credential stops working: the access token's `exp`, or the API key's expiry. */
  private async expiryOf(principal: Principal, credential: string): Promise<number | null> {
    if (principal.kind === 'user') {
      const { exp } = decodeJwt(credential);
      return typeof exp === 'number' ? exp * 1000 : null;
    }
    const { expiresAt } = await recheckApiKeyAsService(this.options.database, principal.apiKeyId);
    return expiresAt ? Date.parse(expiresAt) : null;
  }

  private removeSubscriber(client: ClientSession, projectId: string) {
    const set = this.subscribers.get(projectId);
    if (!set?.delete(client) || set.size > 0) return;
    this.subscribers.delete(projectId);
    this.telemetryFanout.forget(projectId);
  }

  /** Every client of the company reads its access again (a role, membership or key changed). */
  private recheckClients(companyId: string) {
    for (const client of this.clients) {
      if (client.principal.companyId === companyId) void client.recheckAccess();
    }
  }

  private publishTelemetry(identity: AgentIdentity, samples: TelemetrySample[]) {
    this.options.bus.publish({
      type: 'telemetry',
      companyId: identity.companyId,
      projectId: identity.projectId,
      agentId: identity.agentId,
      samples,
    });
  }

  private onFleetEvent(event: FleetEvent) {
    if (event.type === 'telemetry') {
      if (this.subscribers.get(event.projectId)?.size) {
        this.telemetryFanout.add(event.projectId, { agentId: event.agentId, samples: event.samples });
      }
    } else if (event.type === 'agent_changed') {
      this.broadcast({ type: 'agent_status', projectId: event.projectId, agent: event.agent });
      if (event.agent.status === 'revoked') this.tellRevoked(event.projectId, event.agent.id);
      const session = this.options.agents.get(event.agent.id);
      if (!session) return;
      if (event.agent.status === 'revoked' || event.agent.status === 'rejected') {
        session.close(closeCodeFor(event.agent.status), `agent is ${event.agent.status}`);
      } else if (event.agent.status !== session.identity.status) {
        session.setStatus(event.agent.status);
      }
    } else if (event.type === 'plan_changed') {
      void this.pushConfig(event.companyId);
      this.recheckClients(event.companyId); // a plan without API access stops its keys
      for (const client of this.clients) {
        if (client.principal.companyId === event.companyId) client.send({ type: 'plan_changed' });
      }
    } else if (event.type === 'access_changed') {
      this.recheckClients(event.companyId);
    } else if (event.type === 'sessions_ended') {
      for (const client of this.clients) {
        if (client.principal.kind === 'user' && client.principal.userId === event.userId) void client.recheckAccess();
      }
    } else if (event.type === 'transfer_changed') {
      const { transfer } = event;
      this.broadcast({ type: 'transfer', projectId: event.projectId, transfer });
      if (transfer.jobId && RUN_MOVING_STATES.has(transfer.state) && this.subscribers.get(event.projectId)?.size) {
        void this.guard(this.broadcastRunsOf(event.projectId, transfer.id));
      }
    } else if (event.type === 'job_run_changed') {
      this.broadcast({ type: 'job_run', projectId: event.projectId, run: event.run });
    }
  }

  /**
   * A job transfer's change moved its run in the same transaction (migration 018's trigger): read
   * here, by each node for its own subscribers, so nothing is published twice across nodes.
   */
  private async broadcastRunsOf(projectId: string, transferId: string) {
    for (const run of await runsOfTransferAsService(this.options.database, transferId)) {
      this.broadcast({ type: 'job_run', projectId, run });
    }
  }

  /** To the project's subscribers that hold the event's permission there (PROJECT_EVENT_PERMISSIONS). */
  private broadcast(event: ProjectEvent) {
    const set = this.subscribers.get(event.projectId);
    if (!set || set.size === 0) return;
    const permission = PROJECT_EVENT_PERMISSIONS[event.type];
    let json: Serialized<ProjectEvent> | undefined;
    for (const client of set) {
      if (!client.receives(event.projectId, permission)) continue;
      json ??= serialize(event);
      client.sendSerialized(json);
    }
  }

  private async pushConfig(companyId: string) {
    const sessions = [...this.options.agents].filter((session) => session.identity.companyId === companyId);
    if (sessions.length === 0) return;
    const config = await loadAgentConfigAsService(this.options.database, companyId);
    for (const session of sessions) session.setConfig(config);
  }

  private async onAgentClosed(session: AgentSession) {
    if (!this.options.agents.unregister(session)) return; // replaced by a newer connection
    await this.setOnline(session.identity.agentId, false);
    await this.guard(this.options.transfers.agentGoneAsService(session.identity.agentId));
  }

  /**
   * The project's agents held here stop receiving from a revoked agent and stop sending to it: its
   * transfer tokens may not have expired, and its data streams do not go through this server.
   */
  private tellRevoked(projectId: string, agentId: string) {
    for (const session of this.options.agents) {
      const { identity } = session;
      if (identity.projectId !== projectId || identity.agentId === agentId || identity.status !== 'active') continue;
      session.sendCommand({ name: 'agent.revoked', args: { agentId } });
    }
  }

  /** Logs a failure and passes it on (the session closes, and the agent resends what was not acknowledged). */
  private async logged(work: Promise<unknown>) {
    try {
      await work;
    } catch (error) {
      this.options.log.error({ err: error }, 'storing a transfer report failed');
      throw error;
    }
  }

  private async guard(work: Promise<unknown>) {
    try {
      await work;
    } catch (error) {
      this.options.log.error({ err: error }, 'transfer bookkeeping failed');
    }
  }

  /** Records presence and tells the fleet; a failure is only logged (the sweep or the next connection corrects it). */
  private async setOnline(agentId: string, online: boolean, clockSkewMs?: number | null) {
    try {
      const row = await setAgentOnlineAsService(this.options.database, agentId, online, clockSkewMs);
      if (row) {
        this.options.bus.publish({
          type: 'agent_changed',
          companyId: row.company_id,
          projectId: row.project_id,
          agent: toAgent(row),
        });
      }
    } catch (error) {
      this.options.log.warn({ err: error, agentId }, 'could not record agent presence');
    }
  }

  private heartbeat() {
    const timeout = this.options.heartbeatMs * 3;
    for (const session of this.options.agents) session.heartbeat(timeout);
    for (const session of this.clients) session.heartbeat(timeout);
  }

  /** Keeps last_seen_at fresh for agents held here, so other nodes' sweeps leave them online. */
  private async touchConnectedAgents() {
    if (this.options.agents.size === 0) return;
    await touchAgentsAsService(this.options.database, this.options.agents.connectedAgentIds()).catch((error: unknown) =>
      this.options.log.warn({ err: error }, 'could not touch agents'),
    );
  }

  /** Stops accepting, closes every socket (agents will reconnect to another node or to us later). */
  async close() {
    for (const timer of this.timers) clearInterval(timer);
    this.telemetryFanout.close();
    this.unsubscribeBus();
    const sessions = [...this.options.agents];
    for (const session of sessions) session.close(1001, 'server shutting down');
    for (const session of this.clients) session.close(1001, 'server shutting down');
    await Promise.all(sessions.map((session) => this.setOnline(session.identity.agentId, false)));
    this.options.agents.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
