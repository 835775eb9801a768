import type { AgentCommand } from '@tcpa/contracts';
import type { AgentSession } from '../realtime/agent-session.ts';
import { AgentRequests, type RequestLimits, type RequestOutcome } from './agent-requests.ts';

/** An agent answers a listing in milliseconds; 5 s tells a person quickly that it will not. */
const REQUEST_LIMITS: RequestLimits = { timeoutMs: 5_000, maxPendingPerAgent: 8 };

/**
 * The agents connected to this node, one session each. Built first at start-up and handed to
 * the realtime hub (which registers and unregisters sessions) and to the transfers service
 * (which sends commands through it), so neither needs the other to reach an agent's socket.
 */
export class AgentConnections {
  private readonly sessions = new Map<string, AgentSession>();
  private readonly requests: AgentRequests;

  constructor(limits: RequestLimits = REQUEST_LIMITS) {
    this.requests = new AgentRequests(limits);
  }

  get size() {
    return this.sessions.size;
  }

  get(agentId: string): AgentSession | undefined {
    return this.sessions.get(agentId);
  }

  /** Records the agent's newest connection; the caller closes any older one first. */
  register(session: AgentSession) {
    this.sessions.set(session.identity.agentId, session);
  }

  /** Forgets the session; false when a newer connection of the agent replaced it (it stays). */
  unregister(session: AgentSession): boolean {
    this.requests.sessionClosed(session);
    if (this.sessions.get(session.identity.agentId) !== session) return false;
    this.sessions.delete(session.identity.agentId);
    return true;
  }

  /** Sends a command to an agent connected here; false when it is not (or its socket is closing). */
  send(agentId: string, command: AgentCommand): boolean {
    const session = this.sessions.get(agentId);
    if (!session || session.closed) return false;
    session.sendCommand(command);
    return true;
  }

  /** Sends a command built around a fresh request id and waits for the agent's answer to it. */
  request(
    agentId: string,
    build: (requestId: string) => AgentCommand,
    options: { timeoutMs?: number } = {},
  ): Promise<RequestOutcome> {
    const session = this.sessions.get(agentId);
    if (!session) return Promise.resolve({ kind: 'offline' });
    return this.requests.request(session, build, options.timeoutMs);
  }

  /** An agent's `command_result` for a request (its command id has a request id). */
  answered(agentId: string, requestId: string, answer: { ok: true; result: unknown } | { ok: false; error: string }) {
    this.requests.answered(agentId, requestId, answer);
  }

  connectedAgentIds(): string[] {
    return [...this.sessions.keys()];
  }

  [Symbol.iterator](): IterableIterator<AgentSession> {
    return this.sessions.values();
  }

  clear() {
    this.sessions.clear();
  }
}
