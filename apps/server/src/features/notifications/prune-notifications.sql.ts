import type { Database } from '@tcpa/db';

/** Keeps the outbox and the delivery log bounded: handled events after a day, finished deliveries after 30 days. */
export async function pruneNotificationsAsService(database: Database): Promise<void> {
  await database.unsafeAsOwner(async (tx) => {
    await tx.query(`delete from outbox_events where processed_at < now() - interval '1 day'`);
    await tx.query(`delete from notification_deliveries where finished_at < now() - interval '30 days'`);
    await tx.query(`delete from alerts where state = 'resolved' and resolved_at < now() - interval '90 days'`);
  });
}
