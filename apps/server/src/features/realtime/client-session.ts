import {
  type ClientMessage,
  ClientMessageSchema,
  CloseCode,
  type Permission,
  PROJECT_EVENT_PERMISSIONS,
  ProjectEventTypeSchema,
  type ServerToClientMessage,
} from '@tcpa/contracts';
import type { WebSocket } from 'ws';
import type { Principal } from '../../auth/principal.ts';
import { SocketSession } from './socket-session.ts';
import type { WatchAccess } from './watch-access.ts';

/** The standard WebSocket close code for a server-side failure. */
const INTERNAL_ERROR = 1011;
/** Node's timers hold at most 2^31 − 1 ms (about 24.8 days); a later expiry is re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ClientSessionHost {
  /** What the principal may watch now on these projects (see readWatchAccess). */
  readAccess(principal: Principal, projectIds: string[]): Promise<WatchAccess>;
  subscribe(session: ClientSession, projectId: string): void;
  unsubscribe(session: ClientSession, projectId: string): void;
  onClientClosed(session: ClientSession): void;
}

const eventsFor = (held: Set<Permission>) =>
  ProjectEventTypeSchema.options.filter((type) => held.has(PROJECT_EVENT_PERMISSIONS[type]));
const sameSet = (a: Set<Permission>, b: Set<Permission>) => a.size === b.size && [...a].every((p) => b.has(p));

/**
 * A dashboard or MCP connection: subscribes to projects and receives the events its permissions
 * allow there. Access is read again whenever the hub hears it changed; the socket closes when
 * the credential expires or the caller loses access to the company.
 */
export class ClientSession extends SocketSession<ClientMessage, ServerToClientMessage> {
  /** Subscribed projects and the event permissions the caller holds on each. */
  private readonly subscriptions = new Map<string, Set<Permission>>();
  /** Access checks run one at a time, in order, so a stale answer never overwrites a newer one. */
  private checks: Promise<void> = Promise.resolve();
  private expiryTimer: NodeJS.Timeout | undefined;

  constructor(
    socket: WebSocket,
    readonly principal: Principal,
    /** When the access token or API key expires (ms since 1970); null if it does not. */
    private readonly expiresAtMs: number | null,
    private readonly host: ClientSessionHost,
  ) {
    super(socket, ClientMessageSchema);
    this.send({ type: 'ready', userId: principal.userId, companyId: principal.companyId });
    this.armExpiry();
  }

  get projects(): string[] {
    return [...this.subscriptions.keys()];
  }

  /** Whether events that need `permission` on the project go to this session. */
  receives(projectId: string, permission: Permission): boolean {
    return this.subscriptions.get(projectId)?.has(permission) ?? false;
  }

  /** Reads access again: narrows or drops subscriptions, or closes when the caller has lost the company. */
  recheckAccess(): Promise<void> {
    return this.serialize(() => this.applyAccess());
  }

  protected handle(message: ClientMessage) {
    if (message.type === 'subscribe') {
      const { projectId } = message;
      void this.serialize(() => this.subscribe(projectId));
    } else if (message.type === 'unsubscribe') {
      const { projectId } = message;
      void this.serialize(async () => {
        this.drop(projectId);
        this.send({ type: 'unsubscribed', projectId });
      });
    }
  }

  private serialize(work: () => Promise<void>): Promise<void> {
    this.checks = this.checks.then(work).catch(() => this.close(INTERNAL_ERROR, 'could not check access: reconnect'));
    return this.checks;
  }

  private async subscribe(projectId: string) {
    const access = await this.host.readAccess(this.principal, [projectId]).catch(() => undefined);
    if (this.closed) return;
    if (!access) {
      this.send({
        type: 'error',
        code: 'internal',
        message: `Could not check access to ${projectId}: subscribe again`,
      });
      return;
    }
    if (access.lost) return this.close(access.lost.code, access.lost.reason);
    const held = access.grants.get(projectId);
    if (!held) {
      this.send({
        type: 'error',
        code: 'not_found',
        message: `Project ${projectId} not found among those you can watch`,
      });
      return;
    }
    if (!this.subscriptions.has(projectId)) this.host.subscribe(this, projectId);
    this.subscriptions.set(projectId, held);
    this.send({ type: 'subscribed', projectId, events: eventsFor(held) });
  }

  private async applyAccess() {
    if (this.closed) return;
    const projectIds = this.projects;
    const access = await this.host.readAccess(this.principal, projectIds).catch(() => undefined);
    if (this.closed) return;
    // Fail closed: events must not keep flowing on access nobody could confirm.
    if (!access) return this.close(INTERNAL_ERROR, 'could not check access again: reconnect');
    if (access.lost) return this.close(access.lost.code, access.lost.reason);
    for (const projectId of projectIds) {
      const before = this.subscriptions.get(projectId);
      const now = access.grants.get(projectId);
      if (!before) continue;
      if (!now) {
        this.drop(projectId);
        this.send({ type: 'unsubscribed', projectId, reason: 'You no longer have access to this project' });
      } else if (!sameSet(before, now)) {
        this.subscriptions.set(projectId, now);
        this.send({ type: 'subscribed', projectId, events: eventsFor(now) });
      }
    }
  }

  private drop(projectId: string) {
    if (this.subscriptions.delete(projectId)) this.host.unsubscribe(this, projectId);
  }

  private armExpiry() {
    if (this.expiresAtMs === null || this.closed) return;
    const wait = this.expiresAtMs - Date.now();
    if (wait > 0) {
      this.expiryTimer = setTimeout(() => this.armExpiry(), Math.min(wait, MAX_TIMER_MS));
      return;
    }
    this.close(
      CloseCode.unauthorized,
      this.principal.kind === 'user'
        ? 'access token expired: reconnect with a fresh one'
        : 'API key expired: create a new one',
    );
  }

  protected onClosed() {
    clearTimeout(this.expiryTimer);
    this.host.onClientClosed(this);
  }
}
