import type { AgentCommand } from '@tcpa/contracts';
import type { AgentSession } from '../realtime/agent-session.ts';

/**
 * The agents connected to this node, one session each. Built first at start-up and handed to
 * the realtime hub (which registers and unregisters sessions) and to the transfers service
 * (which sends commands through it), so neither needs the other to reach an agent's socket.
 */
export class AgentConnections {
  private readonly sessions = new Map<string, AgentSession>();

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
