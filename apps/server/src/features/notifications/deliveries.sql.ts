import type { Delivery } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';

interface DeliveryRow {
  id: string;
  channel_id: string;
  event_type: string;
  summary: string;
  status: Delivery['status'];
  attempts: number;
  next_attempt_at: string;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
  attempt_log: {
    attempt: number;
    started_at: string;
    duration_ms: number;
    status_code: number | null;
    response_excerpt: string | null;
    error: string | null;
  }[];
}

/** A channel's delivery log, newest first, each with its attempts (time, status code, response excerpt). */
export async function listDeliveries(
  tx: Queryable,
  channelId: string,
  options: { limit: number; ids?: string[] },
): Promise<Delivery[]> {
  const rows = await tx.query<DeliveryRow>(
    `select d.id, d.channel_id, d.event_type, d.summary, d.status, d.attempts, d.next_attempt_at, d.last_status_code,
       d.last_error, d.created_at, d.finished_at,
       coalesce((select json_agg(json_build_object('attempt', a.attempt, 'started_at', a.started_at,
                   'duration_ms', a.duration_ms, 'status_code', a.status_code,
                   'response_excerpt', a.response_excerpt, 'error', a.error) order by a.attempt)
                 from notification_delivery_attempts a where a.delivery_id = d.id), '[]') as attempt_log
     from notification_deliveries d
     where d.channel_id = $1 and ($3::uuid[] is null or d.id = any($3::uuid[]))
     order by d.created_at desc limit $2`,
    [channelId, options.limit, options.ids ?? null],
  );
  return rows.map((row) => ({
    id: row.id,
    channelId: row.channel_id,
    eventType: row.event_type,
    summary: row.summary,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    attemptLog: row.attempt_log.map((attempt) => ({
      attempt: attempt.attempt,
      startedAt: new Date(attempt.started_at).toISOString(),
      durationMs: attempt.duration_ms,
      statusCode: attempt.status_code,
      responseExcerpt: attempt.response_excerpt,
      error: attempt.error,
    })),
  }));
}
