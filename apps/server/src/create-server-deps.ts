import { publicUrlOf } from './config/env.ts';
import { AgentConnections } from './features/agents/agent-connections.ts';
import { stripeBillingOf } from './features/billing/stripe-billing.ts';
import { CloudRequests } from './features/cloud-transfers/cloud-requests.ts';
import { createMailTransport } from './features/notifications/mail-transport.ts';
import { NotificationEngine } from './features/notifications/notification-engine.ts';
import { parseAllowHosts } from './features/notifications/outbound-request.ts';
import { createInMemoryEventBus } from './features/realtime/event-bus.ts';
import { openLocationStore } from './features/storage/open-location-store.ts';
import { TransfersService } from './features/transfers/transfers.service.ts';
import type { ServerDeps } from './server-deps.ts';

/**
 * The route handlers' dependencies, and the engines behind them, built in the one order they
 * need: the agent registry first (the hub registers sessions in it, the transfers service commands
 * agents through it), then the transfers service, before the app (routes hand it users' requests);
 * the notification engine (not started: the server starts it) whose worker routes wake.
 */
export function createServerDeps(
  base: Pick<ServerDeps, 'database' | 'config' | 'tokens' | 'secretBox' | 'log' | 'version'>,
) {
  const bus = createInMemoryEventBus();
  const agents = new AgentConnections();
  const cloud = new CloudRequests({
    database: base.database,
    log: base.log,
    openStore: (projectId, locationId) => openLocationStore(base.database, base.secretBox, projectId, locationId),
  });
  const transfers = new TransfersService({
    cloudUploads: cloud,
    onError: (error) => base.log.warn({ err: error }, 'aborting a canceled transfer’s uploads failed'),
    database: base.database,
    bus,
    tokens: base.tokens,
    agents,
    transientRetrySeconds: base.config.TRANSFER_TRANSIENT_RETRY_SECONDS,
    stallSeconds: base.config.TRANSFER_STALL_SECONDS,
  });
  const notifications = new NotificationEngine({
    database: base.database,
    secretBox: base.secretBox,
    log: base.log,
    mail: createMailTransport({ smtpUrl: base.config.SMTP_URL, mailFrom: base.config.MAIL_FROM }),
    policy: { allowHosts: parseAllowHosts(base.config.OUTBOUND_ALLOW_HOSTS) },
    publicUrl: publicUrlOf(base.config),
    groupWaitSeconds: base.config.ALERT_GROUP_WAIT_SECONDS,
    checkSeconds: base.config.ALERT_CHECK_SECONDS,
    deliveryTimeoutSeconds: base.config.DELIVERY_TIMEOUT_SECONDS,
    disableAfterHours: base.config.CHANNEL_DISABLE_AFTER_HOURS,
    // As long as the presence sweep waits for an agent: one cut off by a restart is back by then.
    reconnectGraceSeconds: base.config.HEARTBEAT_SECONDS * 3,
  });
  const deps: ServerDeps = {
    ...base,
    bus,
    transfers,
    agents,
    deliveries: notifications.worker,
    billing: stripeBillingOf(base.config),
  };
  return { deps, agents, transfers, cloud, notifications };
}
