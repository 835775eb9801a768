import type { ChannelKind } from '@tcpa/contracts';
import type { Database, Queryable } from '@tcpa/db';

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

/** Queues deliveries in the caller's transaction (they go out only if it commits); returns their ids. */
export async function queueDeliveries(tx: Queryable, deliveries: NewDelivery[]): Promise<string[]> {
  if (deliveries.length === 0) return [];
  const rows = await tx.query<{ id: string }>(
    `insert into notification_deliveries (company_id, channel_id, kind, event_type, summary, payload)
     select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[])
     returning id`,
    [
      deliveries.map((d) => d.companyId),
      deliveries.map((d) => d.channelId),
      deliveries.map((d) => d.kind),
      deliveries.map((d) => d.eventType),
      deliveries.map((d) => d.summary.slice(0, 500)),
      deliveries.map((d) => JSON.stringify(d.payload)),
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
  const [row] = await tx.query<{ id: string }>('select gen_random_uuid() as id');
  const id = row?.id ?? '';
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
 * The oldest due rows (`scan` of them, from the due index in order) are ranked per channel in SQL
 * and only those within each channel's room are locked: locking every row looked at, then dropping
 * most, wrote a row lock per row. Sorts and bitmap scans are off for the claim: right after a burst
 * the table's statistics say few rows are due, and the planner then read and sorted every due row
 * (with payloads, on disk) instead of walking the index: 290 ms a claim at 22,000 due (measured
 * with bench:notify), against a few ms.
 *
 * Known cost: a full channel's due rows are still walked (and read from the heap) by every claim,
 * so a slow endpoint's growing backlog makes every claim dearer (PostgreSQL CPU per attempt
 * 0.23 ms -> 0.53 ms at 50 events/s once a slow endpoint is present, bench:notify). A partial
 * index on (channel_id, next_attempt_at) where status = 'pending', with a claim per channel,
 * would bound it (a migration, not made here).
 */
export async function claimDeliveriesAsService(
  database: Database,
  options: { limit: number; perChannel: number; inFlightByChannel: ReadonlyMap<string, number>; leaseSeconds: number },
): Promise<ClaimedDelivery[]> {
  const busy = [...options.inFlightByChannel];
  const full = busy.filter(([, count]) => count >= options.perChannel).map(([id]) => id);
  return database.unsafeAsOwner(async (tx) => {
    // JIT off too: the cost the disabled sort adds would otherwise have every claim compiled (1.4 s).
    await tx.query(
      "select set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true), set_config('jit', 'off', true)",
    );
    const claimed = await tx.query<ClaimedDelivery>(
      `with candidates as (
         select id, channel_id, next_attempt_at from notification_deliveries
         where status = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now())
           and (channel_id is null or channel_id <> all($1::uuid[]))
         order by next_attempt_at
         limit $2
       ), ranked as (
         select id, channel_id, row_number() over (partition by channel_id order by next_attempt_at, id) as n
         from candidates
       )
       select d.id, d.company_id, d.channel_id, d.kind, d.event_type, d.payload, d.payload_sealed, d.attempts,
         d.created_at, c.enabled as channel_enabled, c.url_sealed, c.secret_sealed, c.recipients
       from ranked r
         join notification_deliveries d on d.id = r.id
         left join notification_channels c on c.id = d.channel_id
         left join unnest($3::uuid[], $4::int[]) as busy(channel_id, in_flight) on busy.channel_id = r.channel_id
       where d.status = 'pending' and (d.locked_until is null or d.locked_until < now())
         and (r.channel_id is null or r.n <= $5 - coalesce(busy.in_flight, 0))
       order by d.next_attempt_at
       limit $6
       for update of d skip locked`,
      [
        full,
        options.limit * 4,
        busy.map(([id]) => id),
        busy.map(([, count]) => count),
        options.perChannel,
        options.limit,
      ],
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
