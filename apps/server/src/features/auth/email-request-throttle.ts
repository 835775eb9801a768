import type { Database, Queryable } from '@tcpa/db';
import type { Config } from '../../config/env.ts';
import { AppError } from '../../http/app-error.ts';

/** What an emailed link was asked for: each kind is counted on its own. */
export type EmailRequestKind = 'password_reset' | 'email_verification';

const WHAT: Record<EmailRequestKind, string> = {
  password_reset: 'password reset emails',
  email_verification: 'verification emails',
};

/**
 * Emailed links are throttled in the database like sign-ins (`login-throttle.ts`): per address
 * asked for (nobody floods one inbox) and per requester IP (nobody sprays many). The request is
 * counted whether or not an account has that address, so the limit says nothing about who exists.
 */
export async function reserveEmailRequestAsService(
  tx: Queryable,
  config: Config,
  request: { kind: EmailRequestKind; email: string; ip: string },
) {
  await tx.query(
    `select pg_advisory_xact_lock(key)
     from (values (hashtextextended('tcpa.email-request.email:' || lower($1), 0)),
                  (hashtextextended('tcpa.email-request.ip:' || $2, 0))) as keys (key)
     order by key`,
    [request.email, request.ip],
  );
  const [outcome] = await tx.query<{ by_email: number; by_ip: number; reserved: boolean }>(
    `with counts as (
       select count(*) filter (where lower(email) = lower($2))::int as by_email,
              count(*) filter (where ip = $3)::int as by_ip
       from auth_email_requests
       where kind = $1 and created_at > now() - make_interval(secs => $4)
         and (lower(email) = lower($2) or ip = $3)
     ), reserved as (
       insert into auth_email_requests (kind, email, ip)
       select $1, $2, $3 from counts where by_email < $5 and by_ip < $6
       returning id
     )
     select by_email, by_ip, exists (select from reserved) as reserved from counts`,
    [
      request.kind,
      request.email,
      request.ip,
      config.AUTH_EMAIL_WINDOW_SECONDS,
      config.AUTH_EMAIL_MAX_PER_ACCOUNT,
      config.AUTH_EMAIL_MAX_PER_ADDRESS,
    ],
  );
  if (outcome?.reserved) return;
  const minutes = Math.ceil(config.AUTH_EMAIL_WINDOW_SECONDS / 60);
  const headers = { 'Retry-After': String(config.AUTH_EMAIL_WINDOW_SECONDS) };
  const who =
    (outcome?.by_email ?? 0) >= config.AUTH_EMAIL_MAX_PER_ACCOUNT ? 'for this email address' : 'from your address';
  throw new AppError(
    'rate_limited',
    `Too many ${WHAT[request.kind]} requested ${who}: check your inbox (and spam folder) for the last one, or wait up to ${minutes} minutes`,
    undefined,
    headers,
  );
}

/** Requests older than the window count for nothing: without this the table only grew. */
export async function pruneEmailRequestsAsService(database: Database, config: Config): Promise<number> {
  const deleted = await database.unsafeAsOwner((tx) =>
    tx.query('delete from auth_email_requests where created_at <= now() - make_interval(secs => $1) returning id', [
      config.AUTH_EMAIL_WINDOW_SECONDS,
    ]),
  );
  return deleted.length;
}
