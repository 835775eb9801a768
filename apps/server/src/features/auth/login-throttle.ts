import type { Queryable } from '@tcpa/db';
import type { Config } from '../../config/env.ts';
import { AppError } from '../../http/app-error.ts';

/**
 * Failed logins are counted in the database, so the limit holds across server nodes and
 * restarts: per account (stops guessing one password) and per address (stops spraying many).
 */
export async function refuseIfThrottledAsService(tx: Queryable, config: Config, email: string, ip: string) {
  const [counts] = await tx.query<{ by_email: number; by_ip: number }>(
    `select
       count(*) filter (where lower(email) = lower($1))::int as by_email,
       count(*) filter (where ip = $2)::int as by_ip
     from login_failures
     where created_at > now() - make_interval(secs => $3)
       and (lower(email) = lower($1) or ip = $2)`,
    [email, ip, config.LOGIN_THROTTLE_WINDOW_SECONDS],
  );
  const minutes = Math.ceil(config.LOGIN_THROTTLE_WINDOW_SECONDS / 60);
  const headers = { 'Retry-After': String(config.LOGIN_THROTTLE_WINDOW_SECONDS) };
  if ((counts?.by_email ?? 0) >= config.LOGIN_MAX_FAILURES_PER_ACCOUNT) {
    throw new AppError(
      'rate_limited',
      `Too many failed sign-ins for this account: wait up to ${minutes} minutes, or reset the password`,
      undefined,
      headers,
    );
  }
  if ((counts?.by_ip ?? 0) >= config.LOGIN_MAX_FAILURES_PER_ADDRESS) {
    throw new AppError(
      'rate_limited',
      `Too many failed sign-ins from your address: wait up to ${minutes} minutes`,
      undefined,
      headers,
    );
  }
}

export async function recordLoginFailureAsService(tx: Queryable, email: string, ip: string) {
  await tx.query('insert into login_failures (email, ip) values ($1, $2)', [email, ip]);
}

export async function clearLoginFailuresAsService(tx: Queryable, email: string) {
  await tx.query('delete from login_failures where lower(email) = lower($1)', [email]);
}
