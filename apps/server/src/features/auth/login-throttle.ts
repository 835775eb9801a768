import type { Database, Queryable } from '@tcpa/db';
import type { Config } from '../../config/env.ts';
import { AppError } from '../../http/app-error.ts';

/**
 * Password checks are throttled in the database, so the limit holds across server nodes and
 * restarts: per account (stops guessing one password) and per address (stops spraying many).
 * Each check reserves its row in `login_failures` before the password is hashed; a success
 * deletes it (with the account's earlier failures), anything else leaves it counted. So ten
 * guesses sent at once meet the limit like ten sent one after another.
 */
export async function reservePasswordAttemptAsService(tx: Queryable, config: Config, email: string, ip: string) {
  // The counts below must see every reservation committed before them, so concurrent attempts
  // for the same account or address take turns here (two short locks, always in the same order).
  await tx.query(
    `select pg_advisory_xact_lock(key)
     from (values (hashtextextended('tcpa.login.email:' || lower($1), 0)),
                  (hashtextextended('tcpa.login.ip:' || $2, 0))) as keys (key)
     order by key`,
    [email, ip],
  );
  const [outcome] = await tx.query<{ by_email: number; by_ip: number; reserved: boolean }>(
    `with counts as (
       select count(*) filter (where lower(email) = lower($1))::int as by_email,
              count(*) filter (where ip = $2)::int as by_ip
       from login_failures
       where created_at > now() - make_interval(secs => $3)
         and (lower(email) = lower($1) or ip = $2)
     ), reserved as (
       insert into login_failures (email, ip)
       select $1, $2 from counts where by_email < $4 and by_ip < $5
       returning id
     )
     select by_email, by_ip, exists (select from reserved) as reserved from counts`,
    [
      email,
      ip,
      config.LOGIN_THROTTLE_WINDOW_SECONDS,
      config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      config.LOGIN_MAX_FAILURES_PER_ADDRESS,
    ],
  );
  if (outcome?.reserved) return;
  const minutes = Math.ceil(config.LOGIN_THROTTLE_WINDOW_SECONDS / 60);
  const headers = { 'Retry-After': String(config.LOGIN_THROTTLE_WINDOW_SECONDS) };
  if ((outcome?.by_email ?? 0) >= config.LOGIN_MAX_FAILURES_PER_ACCOUNT) {
    throw new AppError(
      'rate_limited',
      `Too many failed sign-ins for this account: wait up to ${minutes} minutes, or reset the password`,
      undefined,
      headers,
    );
  }
  throw new AppError(
    'rate_limited',
    `Too many failed sign-ins from your address: wait up to ${minutes} minutes`,
    undefined,
    headers,
  );
}

/** After a right password: its reservation and the account's earlier failures no longer count. */
export async function clearLoginFailuresAsService(tx: Queryable, email: string) {
  await tx.query('delete from login_failures where lower(email) = lower($1)', [email]);
}

/** Failures older than the window count for nothing: without this the table only grew. */
export async function pruneLoginFailuresAsService(database: Database, config: Config): Promise<number> {
  const deleted = await database.unsafeAsOwner((tx) =>
    tx.query('delete from login_failures where created_at <= now() - make_interval(secs => $1) returning id', [
      config.LOGIN_THROTTLE_WINDOW_SECONDS,
    ]),
  );
  return deleted.length;
}
