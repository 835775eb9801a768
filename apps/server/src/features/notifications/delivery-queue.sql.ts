import { randomUUID } from 'node:crypto';
import type { ChannelKind } from '@tcpa/contracts';
import type { Database, Queryable } from '@tcpa/db';
import { MAX_PENDING_PER_CHANNEL } from './channel-backlog.ts';

/** A message to queue: shaped for its channel already, so every attempt sends the same bytes. */
export interface NewDelivery {
  companyId: string | null;
  /** Null for a transactional email (an invitation, a password reset): `payload.to` says to whom. */
  channelId: string | null;
  kind: ChannelKind;
  eventType: string;
  /** What the delivery log shows it was about. */
  summary: string;
  payload: unknown;
}

const QUEUE_FULL_ERROR = `Not sent: ${MAX_PENDING_PER_CHANNEL.toLocaleString('en')} messages to this channel were already waiting (its endpoint is down or slower than its events). New messages are sent again once they drain.`;

/**
 * Queues deliveries in the caller's transaction (they go out only if it commits); returns their
 * ids, in order. Those to a channel in `fullChannels` (see ChannelBacklog) are stored as not sent,
 * saying why, so a full queue drops nothing silently.
 */
export async function queueDeliveries(
  tx: Queryable,
  deliveries: NewDelivery[],
  fullChannels: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  if (deliveries.length === 0) return [];
  const notSent = (d: NewDelivery) => d.channelId !== null && fullChannels.has(d.channelId);
  const rows = await tx.query<{ id: string }>(
    `insert into notification_deliveries (company_id, channel_id, kind, event_type, summary, payload, status,
       finished_at, last_error)
     select company_id, channel_id, kind, event_type, summary, case when not_sent then null else payload end,
       case when not_sent then 'failed' else 'pending' end, case when not_sent then now() end,
       case when not_sent then $8 end
     from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::boolean[])
       with ordinality as new(company_id, channel_id, kind, event_type, summary, payload, not_sent, n)
     order by n
     returning id`,
    [
      deliveries.map((d) => d.companyId),
      deliveries.map((d) => d.channelId),
      deliveries.map((d) => d.kind),
      deliveries.map((d) => d.eventType),
      deliveries.map((d) => d.summary.slice(0, 500)),
      deliveries.map((d) => JSON.stringify(d.payload)),
      deliveries.map(notSent),
      QUEUE_FULL_ERROR,
    ],
  );
  return rows.map((row) => row.id);
}

/** Queues one delivery whose payload holds a secret (a password reset link): stored encrypted, dropped once sent. */
export async function queueSealedDelivery(
  tx: Queryable,
  delivery: NewDelivery,
  seal: (plaintext: string, context: string) => string,
): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `insert into notification_deliveries (id, company_id, channel_id, kind, event_type, summary, payload_sealed)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      id,
      delivery.companyId,
      delivery.channelId,
      delivery.kind,
      delivery.eventType,
      delivery.summary.slice(0, 500),
      seal(JSON.stringify(delivery.payload), deliveryContext(id)),
    ],
  );
  return id;
}

export const deliveryContext = (deliveryId: string) => `notification_deliveries:${deliveryId}`;
export const channelContext = (channelId: string, field: 'url' | 'secret') =>
  `notification_channels:${channelId}:${field}`;

export interface ClaimedDelivery {
  id: string;
  company_id: string | null;
  channel_id: string | null;
  kind: ChannelKind;
  event_type: string;
  payload: unknown;
  payload_sealed: string | null;
  attempts: number;
  created_at: string;
  channel_enabled: boolean | null;
  url_sealed: string | null;
  secret_sealed: string | null;
  recipients: string[] | null;
}

/**
 * Claims due deliveries for `leaseSeconds`: skipping rows other servers hold, and channels this
 * server already has `perChannel` sends in flight to (counted in `inFlightByChannel`), so one slow
 * endpoint cannot take every slot. A claim that lapses (its server died) is due again.
 *
 * Channel by channel: the channels with pending deliveries are found by skipping through the
 * per-channel due index (one probe a channel), and each gives at most the room it has, read from
 * its own part of the index. A slow endpoint's backlog is therefore never read by a claim that
 * cannot take from it (one index in time order had every claim read it first and throw it away:
 * the healthy endpoints waited behind the slow one, bench:notify). Only the rows returned are
 * locked (the lock sits under the limit).
 */
export async function claimDeliveriesAsService(
  database: Database,
  options: { limit: number; perChannel: number; inFlightByChannel: ReadonlyMap<string, number>; leaseSeconds: number },
): Promise<ClaimedDelivery[]> {
  const busy = [...options.inFlightByChannel];
  return database.unsafeAsOwner(async (tx) => {
    // Planned for each claim with its values, never from a plan cached on the connection: the
    // queue grows from nothing to 100,000s of rows between analyses (never, with autovacuum off),
    // and the generic plan made while it was small read the whole table on each claim to join
    // the candidates back (1.9 ms of PostgreSQL per delivery instead of 0.12, bench:notify).
    await tx.query('set local plan_cache_mode = force_custom_plan');
    const claimed = await tx.query<ClaimedDelivery>(
      `with recursive channels(channel_id) as (
         (select channel_id from notification_deliveries
          where status = 'pending' and channel_id is not null order by channel_id limit 1)
         union all
         select (select d.channel_id from notification_deliveries d
                 where d.status = 'pending' and d.channel_id is not null and d.channel_id > c.channel_id
                 order by d.channel_id limit 1)
         from channels c where c.channel_id is not null
       ), room as (
         select c.channel_id, $2::int - coalesce(busy.in_flight, 0) as room
         from channels c left join unnest($3::uuid[], $4::int[]) as busy(channel_id, in_flight)
           on busy.channel_id = c.channel_id
         where c.channel_id is not null
       ), candidates as (
         select due.id, due.next_attempt_at from room r cross join lateral (
           select d.id, d.next_attempt_at from notification_deliveries d
           where d.channel_id = r.channel_id and d.status = 'pending' and d.next_attempt_at <= now()
             and (d.locked_until is null or d.locked_until < now())
           order by d.next_attempt_at
           limit least(r.room, $1::int)
         ) due
         where r.room > 0
         union all
         (select id, next_attempt_at from notification_deliveries
          where channel_id is null and status = 'pending' and next_attempt_at <= now()
            and (locked_until is null or locked_until < now())
          order by next_attempt_at
          limit $1::int)
       )
       select d.id, d.company_id, d.channel_id, d.kind, d.event_type, d.payload, d.payload_sealed, d.attempts,
         d.created_at, c.enabled as channel_enabled, c.url_sealed, c.secret_sealed, c.recipients
       from candidates k
         join notification_deliveries d on d.id = k.id
         left join notification_channels c on c.id = d.channel_id
       where d.status = 'pending' and (d.locked_until is null or d.locked_until < now())
       order by k.next_attempt_at
       limit $1::int
       for update of d skip locked`,
      [options.limit, options.perChannel, busy.map(([id]) => id), busy.map(([, count]) => count)],
    );
    if (claimed.length === 0) return [];
    await tx.query(
      `update notification_deliveries set attempts = attempts + 1, locked_until = now() + make_interval(secs => $2)
       where id = any($1::uuid[])`,
      [claimed.map((delivery) => delivery.id), options.leaseSeconds],
    );
    return claimed.map((delivery) => ({ ...delivery, attempts: delivery.attempts + 1 }));
  });
}

export interface AttemptRecord {
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
}

export type AttemptOutcome =
  | { status: 'delivered' | 'failed' | 'canceled' }
  | { status: 'pending'; retryInSeconds: number };

/** One finished attempt: the delivery it was at, what happened, and the delivery's new state. */
export interface RecordedAttempt {
  delivery: ClaimedDelivery;
  attempt: AttemptRecord;
  outcome: AttemptOutcome;
}

/**
 * The attempts' lines in the delivery log and their deliveries' new states, for any number of
 * attempts in one transaction of two statements (one row each per attempt, from arrays): at 2,000
 * attempts a second a transaction per attempt was two commits per attempt.
 */
export async function recordAttemptsAsService(database: Database, attempts: readonly RecordedAttempt[]): Promise<void> {
  if (attempts.length === 0) return;
  const column = <T>(value: (recorded: RecordedAttempt) => T) => attempts.map(value);
  const errorOf = (recorded: RecordedAttempt) => recorded.attempt.error?.slice(0, 1000) ?? null;
  await database.unsafeAsOwner(async (tx) => {
    await tx.query(
      `insert into notification_delivery_attempts (delivery_id, company_id, channel_id, attempt, started_at,
         duration_ms, status_code, response_excerpt, error)
       select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::timestamptz[], $6::int[], $7::int[],
         $8::text[], $9::text[])`,
      [
        column((r) => r.delivery.id),
        column((r) => r.delivery.company_id),
        column((r) => r.delivery.channel_id),
        column((r) => r.delivery.attempts),
        column((r) => r.attempt.startedAt.toISOString()),
        column((r) => Math.round(r.attempt.durationMs)),
        column((r) => r.attempt.statusCode),
        column((r) => r.attempt.responseExcerpt?.slice(0, 1024) ?? null),
        column(errorOf),
      ],
    );
    await tx.query(
      `update notification_deliveries d set status = u.status, locked_until = null, last_status_code = u.status_code,
         last_error = u.error,
         next_attempt_at = case when u.retry_in is null then d.next_attempt_at
                                else now() + make_interval(secs => u.retry_in) end,
         finished_at = case when u.finished then now() end,
         payload_sealed = case when u.finished then null else d.payload_sealed end
       from unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::double precision[], $6::boolean[])
         as u(id, status, status_code, error, retry_in, finished)
       where d.id = u.id`,
      [
        column((r) => r.delivery.id),
        column((r) => r.outcome.status),
        column((r) => r.attempt.statusCode),
        column(errorOf),
        column((r) => (r.outcome.status === 'pending' ? r.outcome.retryInSeconds : null)),
        column((r) => r.outcome.status !== 'pending'),
      ],
    );
  });
}
