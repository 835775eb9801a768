import { createTestDatabase, type TestDatabase } from '@tcpa/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ChannelBacklog, MAX_PENDING_PER_CHANNEL } from '../../src/features/notifications/channel-backlog.ts';
import {
  type ClaimedDelivery,
  claimDeliveriesAsService,
  queueDeliveries,
  recordAttemptsAsService,
} from '../../src/features/notifications/delivery-queue.sql.ts';

let testDatabase: TestDatabase;
let channels: { a: string; b: string };
let companyId: string;
const sql = <Row = Record<string, unknown>>(text: string, params?: unknown[]) =>
  testDatabase.database.unsafeAsOwner((tx) => tx.query<Row>(text, params));

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  const [company] = await sql<{ id: string }>(`insert into companies (name) values ('Queue Co') returning id`);
  const rows = await sql<{ id: string; name: string }>(
    `insert into notification_channels (company_id, name, kind, url_sealed, url_host, secret_sealed, event_types)
     values ($1, 'a', 'webhook', 'sealed-url', 'a.test', 'sealed-secret', '{transfer.*}'),
            ($1, 'b', 'webhook', 'sealed-url', 'b.test', 'sealed-secret', '{transfer.*}') returning id, name`,
    [company?.id],
  );
  companyId = company?.id ?? '';
  channels = Object.fromEntries(rows.map((row) => [row.name, row.id])) as { a: string; b: string };
  const delivery = (channelId: string, n: number) => ({
    companyId: company?.id ?? null,
    channelId,
    kind: 'webhook' as const,
    eventType: 'transfer.failed',
    summary: `event ${n}`,
    payload: { n },
  });
  await testDatabase.database.unsafeAsOwner((tx) =>
    queueDeliveries(tx, [
      ...Array.from({ length: 10 }, (_, n) => delivery(channels.a, n)),
      ...Array.from({ length: 3 }, (_, n) => delivery(channels.b, n)),
    ]),
  );
});
afterAll(() => testDatabase?.dispose());

const claim = (inFlight: Array<[string, number]>, limit = 100) =>
  claimDeliveriesAsService(testDatabase.database, {
    limit,
    perChannel: 4,
    inFlightByChannel: new Map(inFlight),
    leaseSeconds: 30,
  });
const countBy = (claimed: ClaimedDelivery[]) => ({
  a: claimed.filter((d) => d.channel_id === channels.a).length,
  b: claimed.filter((d) => d.channel_id === channels.b).length,
});

it('claims within each channel’s room, leases what it claims, and claims a lapsed lease again', async () => {
  const first = await claim([[channels.a, 1]]);
  expect(countBy(first)).toEqual({ a: 3, b: 3 });
  expect(first.every((d) => d.attempts === 1 && d.channel_enabled === true)).toBe(true);
  // Held rows are skipped; a full channel gets nothing.
  expect(countBy(await claim([[channels.a, 4]]))).toEqual({ a: 0, b: 0 });
  expect(countBy(await claim([], 2))).toEqual({ a: 2, b: 0 });
  // A server died holding b's rows: once the lease lapses they are due again, the attempt counted.
  await sql(`update notification_deliveries set locked_until = now() - interval '1 second' where channel_id = $1`, [
    channels.b,
  ]);
  const again = await claim([]);
  expect(countBy(again)).toEqual({ a: 4, b: 3 });
  expect(again.filter((d) => d.channel_id === channels.b).map((d) => d.attempts)).toEqual([2, 2, 2]);

  const [delivered, retried, failed] = again.filter((d) => d.channel_id === channels.b) as ClaimedDelivery[];
  const attempt = (statusCode: number | null, error: string | null) => ({
    startedAt: new Date(),
    durationMs: 12.4,
    statusCode,
    responseExcerpt: statusCode ? 'body' : null,
    error,
  });
  await recordAttemptsAsService(testDatabase.database, [
    { delivery: delivered as ClaimedDelivery, attempt: attempt(200, null), outcome: { status: 'delivered' } },
    {
      delivery: retried as ClaimedDelivery,
      attempt: attempt(500, 'the endpoint answered 500'),
      outcome: { status: 'pending', retryInSeconds: 60 },
    },
    { delivery: failed as ClaimedDelivery, attempt: attempt(null, 'refused'), outcome: { status: 'failed' } },
  ]);
  const states = await sql<{ id: string; status: string; locked: boolean; later: boolean; finished: boolean }>(
    `select id, status, locked_until is not null as locked, next_attempt_at > now() + interval '50 seconds' as later,
       finished_at is not null as finished
     from notification_deliveries where channel_id = $1`,
    [channels.b],
  );
  const stateOf = (d: ClaimedDelivery | undefined) => states.find((row) => row.id === d?.id);
  expect(stateOf(delivered)).toMatchObject({ status: 'delivered', locked: false, finished: true });
  expect(stateOf(retried)).toMatchObject({ status: 'pending', locked: false, later: true, finished: false });
  expect(stateOf(failed)).toMatchObject({ status: 'failed', locked: false, finished: true });
  const log = await sql<{ attempt: number; status_code: number | null; duration_ms: number; error: string | null }>(
    `select attempt, status_code, duration_ms, error from notification_delivery_attempts
     where channel_id = $1 order by status_code nulls last`,
    [channels.b],
  );
  expect(log).toEqual([
    { attempt: 2, status_code: 200, duration_ms: 12, error: null },
    { attempt: 2, status_code: 500, duration_ms: 12, error: 'the endpoint answered 500' },
    { attempt: 2, status_code: null, duration_ms: 12, error: 'refused' },
  ]);
});

it('claims a transactional email (no channel) alongside the channels, and nothing not yet due', async () => {
  const queue = (channelId: string | null, eventType: string) =>
    testDatabase.database.unsafeAsOwner((tx) =>
      queueDeliveries(tx, [{ companyId, channelId, kind: 'email', eventType, summary: eventType, payload: {} }]),
    );
  const [email] = await queue(null, 'auth.password_reset');
  const [later] = await queue(null, 'auth.invitation');
  await sql(`update notification_deliveries set next_attempt_at = now() + interval '1 hour' where id = $1`, [later]);
  const claimed = await claim([]);
  expect(claimed.map((d) => d.id)).toContain(email);
  expect(claimed.map((d) => d.id)).not.toContain(later);
});

it('stores a channel’s messages past its queue limit as not sent, saying why, and queues the others', async () => {
  const [channel] = await sql<{ id: string }>(
    `insert into notification_channels (company_id, name, kind, url_sealed, url_host, secret_sealed, event_types)
     values ($1, 'down', 'webhook', 'sealed-url', 'down.test', 'sealed-secret', '{*}') returning id`,
    [companyId],
  );
  const down = channel?.id ?? '';
  const backlog = new ChannelBacklog({ recountMs: 0 });
  const message = (channelId: string, n: number) => ({
    companyId,
    channelId,
    kind: 'webhook' as const,
    eventType: 'transfer.failed',
    summary: `new ${n}`,
    payload: { n },
  });
  const queue = (messages: ReturnType<typeof message>[]) =>
    testDatabase.database.unsafeAsOwner(async (tx) =>
      queueDeliveries(
        tx,
        messages,
        await backlog.fullOf(
          tx,
          messages.map((m) => m.channelId),
        ),
      ),
    );
  await sql(
    `insert into notification_deliveries (company_id, channel_id, kind, event_type, summary, payload)
     select $1, $2, 'webhook', 'transfer.failed', 'backlog', '{}' from generate_series(1, $3::int)`,
    [companyId, down, MAX_PENDING_PER_CHANNEL - 1],
  );
  const [last] = await queue([message(down, 1)]);
  const [overDown, toA] = await queue([message(down, 2), message(channels.a, 3)]);
  const rows = await sql<{ id: string; status: string; payload: unknown; last_error: string | null }>(
    `select id, status, payload, last_error from notification_deliveries where id = any($1::uuid[])`,
    [[last, overDown, toA]],
  );
  const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
  expect(byId[last ?? '']).toMatchObject({ status: 'pending', last_error: null });
  expect(byId[toA ?? '']).toMatchObject({ status: 'pending', last_error: null });
  expect(byId[overDown ?? '']).toMatchObject({ status: 'failed', payload: null });
  expect(byId[overDown ?? '']?.last_error).toMatch(/^Not sent: 10,000 messages to this channel were already waiting/);
  // Once the queue drains below the limit, messages are queued again.
  await sql(`update notification_deliveries set status = 'canceled' where id = $1`, [last]);
  const [afterDrain] = await queue([message(down, 4)]);
  const [row] = await sql<{ status: string }>('select status from notification_deliveries where id = $1', [afterDrain]);
  expect(row?.status).toBe('pending');
});
