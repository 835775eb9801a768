import type { Database } from '@tcpa/db';

export interface RetentionResult {
  droppedPartitions: string[];
  deletedRows: number;
  deletedMinutes: number;
}

/**
 * Keeps each company's telemetry for its plan's retention. A daily partition that lies wholly
 * before the longest retention of any company is dropped in one go; rows of companies with a
 * shorter retention are deleted from the partitions that remain.
 */
export async function enforceTelemetryRetentionAsService(database: Database): Promise<RetentionResult> {
  return database.unsafeAsOwner(async (tx) => {
    const [longest] = await tx.query<{ days: number | null }>(
      `select max(p.retention_days) as days from subscriptions s join plans p on p.id = s.plan_id`,
    );
    const keepDays = longest?.days ?? 365;
    const partitions = await tx.query<{ name: string }>(
      `select c.relname as name
       from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class parent on parent.oid = i.inhparent
       where parent.relname = 'telemetry' and c.relname ~ '^telemetry_p[0-9]{8}$'
         and to_date(substr(c.relname, 12), 'YYYYMMDD') + 1 <= (now() - make_interval(days => $1))::date`,
      [keepDays],
    );
    for (const { name } of partitions) await tx.query(`drop table if exists ${name}`);
    const deleted = await tx.query<{ count: number }>(
      `with gone as (
         delete from telemetry t using subscriptions s join plans p on p.id = s.plan_id
         where t.company_id = s.company_id and t.ts < now() - make_interval(days => p.retention_days)
         returning 1)
       select count(*)::int as count from gone`,
    );
    const deletedMinutes = await tx.query<{ count: number }>(
      `with gone as (
         delete from telemetry_minute t using subscriptions s join plans p on p.id = s.plan_id
         where t.company_id = s.company_id and t.minute < now() - make_interval(days => p.retention_days)
         returning 1)
       select count(*)::int as count from gone`,
    );
    return {
      droppedPartitions: partitions.map((p) => p.name),
      deletedRows: deleted[0]?.count ?? 0,
      deletedMinutes: deletedMinutes[0]?.count ?? 0,
    };
  });
}

export async function ensureTelemetryPartitionsAsService(database: Database, daysAhead = 3) {
  const [row] = await database.unsafeAsOwner((tx) =>
    tx.query<{ made: number }>('select app.ensure_telemetry_partitions($1) as made', [daysAhead]),
  );
  return row?.made ?? 0;
}
