import { randomUUID } from 'node:crypto';
import type { AgentCommand } from '@tcpa/contracts';
import type { AgentSession } from '../realtime/agent-session.ts';

/** How a request to an agent ended. */
export type RequestOutcome =
  | { kind: 'answered'; ok: true; result: unknown }
  | { kind: 'answered'; ok: false; error: string }
  /** Not connected to this server, or it left before answering. */
  | { kind: 'offline' }
  /** As many requests as allowed already wait on this agent. */
  | { kind: 'busy' }
  | { kind: 'timeout' };

export interface RequestLimits {
  timeoutMs: number;
  maxPendingPerAgent: number;
}

interface Pending {
  session: AgentSession;
  settle: (outcome: RequestOutcome) => void;
}

/**
 * Commands that wait for the agent's answer (`agent.list_files`, `transfer.preview`), matched by a request id the
 * agent echoes in its `command_result`. Each ends once: answered, timed out, or offline when its
 * connection closes. At most `maxPendingPerAgent` wait on one agent, so a stuck agent holds a
 * bounded number of requests (and timers) whatever callers do.
 */
export class AgentRequests {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly limits: RequestLimits) {}

  /** `timeoutMs` overrides the default for slower work (a preview walks whole trees); the pending bound is shared. */
  request(
    session: AgentSession,
    build: (requestId: string) => AgentCommand,
    timeoutMs = this.limits.timeoutMs,
  ): Promise<RequestOutcome> {
    if (session.closed) return Promise.resolve({ kind: 'offline' });
    if (this.countFor(session) >= this.limits.maxPendingPerAgent) return Promise.resolve({ kind: 'busy' });
    const requestId = randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle({ kind: 'timeout' }), timeoutMs);
      const settle = (outcome: RequestOutcome) => {
        clearTimeout(timer);
        this.pending.delete(requestId);
        resolve(outcome);
      };
      this.pending.set(requestId, { session, settle });
      session.sendCommand(build(requestId));
    });
  }

  /** The agent's answer; one for a request not waiting (late, or another agent's) is dropped. */
  answered(agentId: string, requestId: string, answer: { ok: true; result: unknown } | { ok: false; error: string }) {
    const waiting = this.pending.get(requestId);
    if (!waiting || waiting.session.identity.agentId !== agentId) return;
    waiting.settle({ kind: 'answered', ...answer });
  }

  /** The connection closed: what waits on it will get no answer. */
  sessionClosed(session: AgentSession) {
    for (const waiting of [...this.pending.values()]) {
      if (waiting.session === session) waiting.settle({ kind: 'offline' });
    }
  }

  private countFor(session: AgentSession): number {
    const agentId = session.identity.agentId;
    let count = 0;
    for (const waiting of this.pending.values()) if (waiting.session.identity.agentId === agentId) count++;
    return count;
  }
}
