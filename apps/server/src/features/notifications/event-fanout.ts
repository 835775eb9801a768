import type { Database, Queryable } from '@tcpa/db';
import type { ChannelBacklog } from './channel-backlog.ts';
import { type NewDelivery, queueDeliveries } from './delivery-queue.sql.ts';
import { openAndResolveEventAlerts } from './event-alerts.ts';
import { matchesEventType, webhookBody } from './event-types.ts';

export interface OutboxEvent {
  id: string;
  company_id: string;
  project_id: string | null;
  type: string;
  subject_id: string | null;
  data: Record<string, unknown>;
  occurred_at: string;
}

interface WebhookEndpoint {
  id: string;
  company_id: string;
  event_types: string[];
}

/**
 * Takes a batch of events from the outbox: a delivery to each webhook endpoint of the company that
 * asked for the event's type (not sent if its queue is full), alerts opened or resolved by it, and the events marked done, all in
 * one transaction (a server dying midway leaves the batch for the next). Returns how many it took.
 */
export async function fanOutEventsAsService(database: Database, backlog: ChannelBacklog, limit = 500): Promise<number> {
  return database.unsafeAsOwner(async (tx) => {
    const events = await tx.query<OutboxEvent>(
      `select id, company_id, project_id, type, subject_id, data, occurred_at from outbox_events
       where processed_at is null order by occurred_at limit $1 for update skip locked`,
      [limit],
    );
    if (events.length === 0) return 0;
    const deliveries = await webhookDeliveriesOf(tx, events);
    const full = await backlog.fullOf(
      tx,
      deliveries.flatMap((delivery) => (delivery.channelId ? [delivery.channelId] : [])),
    );
    await queueDeliveries(tx, deliveries, full);
    const alerting = await projectsWithAlertsOf(tx, events);
    const mayAlert = events.filter((event) => event.project_id && alerting.has(event.project_id));
    if (mayAlert.length > 0) await openAndResolveEventAlerts(tx, mayAlert);
    await tx.query('update outbox_events set processed_at = now() where id = any($1::uuid[])', [
      events.map((event) => event.id),
    ]);
    return events.length;
  });
}

/**
 * The events' projects that have an enabled alert rule or an open alert: an event elsewhere can
 * neither open nor resolve one. One query instead of one per event (100 events a second were
 * 100 queries a second inside the fan-out's transaction, measured with bench:notify).
 */
async function projectsWithAlertsOf(tx: Queryable, events: OutboxEvent[]): Promise<Set<string>> {
  const projects = [...new Set(events.flatMap((event) => (event.project_id ? [event.project_id] : [])))];
  if (projects.length === 0) return new Set();
  const rows = await tx.query<{ project_id: string }>(
    `select project_id from alert_rules where project_id = any($1::uuid[]) and enabled
     union select project_id from alerts where project_id = any($1::uuid[]) and state = 'open'`,
    [projects],
  );
  return new Set(rows.map((row) => row.project_id));
}

async function webhookDeliveriesOf(tx: Queryable, events: OutboxEvent[]): Promise<NewDelivery[]> {
  const endpoints = await tx.query<WebhookEndpoint>(
    `select id, company_id, event_types from notification_channels
     where kind = 'webhook' and enabled and company_id = any($1::uuid[])`,
    [[...new Set(events.map((event) => event.company_id))]],
  );
  return events.flatMap((event) =>
    endpoints
      .filter(
        (endpoint) => endpoint.company_id === event.company_id && matchesEventType(endpoint.event_types, event.type),
      )
      .map((endpoint) => ({
        companyId: event.company_id,
        channelId: endpoint.id,
        kind: 'webhook' as const,
        eventType: event.type,
        summary: `${event.type} ${event.subject_id ?? ''}`.trim(),
        payload: webhookBody(event.type, event.occurred_at, event.data),
      })),
  );
}
