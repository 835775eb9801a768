import type { Database } from '@tcpa/db';
import type { AccessTokens } from './auth/access-tokens.ts';
import type { SecretBox } from './auth/secret-box.ts';
import type { Config } from './config/env.ts';
import type { AgentConnections } from './features/agents/agent-connections.ts';
import type { StripeBilling } from './features/billing/stripe-billing.ts';
import type { EventBus } from './features/realtime/event-bus.ts';
import type { TransferRequests } from './features/transfers/transfers.service.ts';
import type { Logger } from './http/logger.ts';

/** What route handlers may use; built once at start-up by `createServer`. */
export interface ServerDeps {
  database: Database;
  config: Config;
  tokens: AccessTokens;
  /** Encrypts secrets stored in the database (channel URLs, webhook signing secrets). */
  secretBox: SecretBox;
  log: Logger;
  version: string;
  bus: EventBus;
  /** A user's transfer requests (create, pause, resume, cancel, retry); the rest of the service is not for routes. */
  transfers: TransferRequests;
  /** The delivery worker, told something was just queued (it also polls). */
  deliveries: { wake(): void };
  /** Questions for the agents connected to this node, answered over their control channel. */
  agents: Pick<AgentConnections, 'request'>;
  /** Stripe, when this server sells its plans through it; null: the operator sets plans. */
  billing: StripeBilling | null;
}
