import { type ClientMessage, ClientMessageSchema } from '@tcpa/contracts';
import type { WebSocket } from 'ws';
import type { Principal } from '../../auth/principal.ts';
import { SocketSession } from './socket-session.ts';

export interface ClientSessionHost {
  /** Whether the principal may watch the project's agents; checked once, at subscribe time. */
  canWatchProject(principal: Principal, projectId: string): Promise<boolean>;
  subscribe(session: ClientSession, projectId: string): void;
  unsubscribe(session: ClientSession, projectId: string): void;
  onClientClosed(session: ClientSession): void;
}

/** A dashboard or MCP connection: subscribes to projects and receives their events. */
export class ClientSession extends SocketSession<ClientMessage> {
  readonly projects = new Set<string>();

  constructor(
    socket: WebSocket,
    readonly principal: Principal,
    private readonly host: ClientSessionHost,
  ) {
    super(socket, ClientMessageSchema);
    this.send({ type: 'ready', userId: principal.userId, companyId: principal.companyId });
  }

  protected handle(message: ClientMessage) {
    if (message.type === 'subscribe') void this.subscribe(message.projectId);
    else if (message.type === 'unsubscribe') {
      this.projects.delete(message.projectId);
      this.host.unsubscribe(this, message.projectId);
      this.send({ type: 'unsubscribed', projectId: message.projectId });
    }
  }

  private async subscribe(projectId: string) {
    const allowed = await this.host.canWatchProject(this.principal, projectId).catch(() => false);
    if (!allowed) {
      this.send({
        type: 'error',
        code: 'not_found',
        message: `Project ${projectId} not found among those you can watch`,
      });
      return;
    }
    if (this.closed) return;
    this.projects.add(projectId);
    this.host.subscribe(this, projectId);
    this.send({ type: 'subscribed', projectId });
  }

  protected onClosed() {
    this.host.onClientClosed(this);
  }
}
