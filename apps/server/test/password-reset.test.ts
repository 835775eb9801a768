import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signUp } from './people.ts';
import { type AccountMail, linkIn, startAccountMail } from './support/account-mail.ts';
import { waitUntil } from './wait-until.ts';

const NEW_PASSWORD = 'a brand new passphrase';
const SUBJECT = /^Reset your TCP Agent Platform password$/;

describe('password reset by email', () => {
  let mail: AccountMail;
  const requestReset = (email: string) => mail.post('/api/v1/auth/password-reset', { email });
  const confirm = (token: string, password = NEW_PASSWORD) =>
    mail.post('/api/v1/auth/password-reset/confirm', { token, password });
  const login = (email: string, password: string) =>
    mail.server.request('POST', '/api/v1/auth/login', { body: { email, password } });

  beforeAll(async () => {
    mail = await startAccountMail();
  });
  afterAll(() => mail?.close());

  it('emails a link that sets a new password once and signs the account out everywhere', async () => {
    const person = await signUp(mail.server, 'forgetful@reset.test', 'Forgetful Co');
    const asked = await requestReset('Forgetful@Reset.test');
    expect(asked.status).toBe(202);
    expect(asked.body.message).toMatch(/If an account exists for this address, we sent it a link/);

    const email = await mail.mailTo('forgetful@reset.test', SUBJECT);
    expect(email.to).toBe('forgetful@reset.test');
    expect(email.from).toBe('TCPA <no-reply@tcpa.test>');
    expect(email.text).toContain('The link works once, for one hour.');
    const { token } = linkIn(email, 'reset-password');
    expect(token).toMatch(/^tcpw_/);

    expect((await confirm(token)).status).toBe(204);
    expect((await login(person.email, PASSWORD)).status).toBe(401);
    expect((await login(person.email, NEW_PASSWORD)).status).toBe(200);
    const refresh = await mail.server.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: person.refreshToken },
    });
    expect(refresh.status).toBe(401);

    const again = await confirm(token, 'yet another passphrase');
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/link was already used/);
    expect((await login(person.email, NEW_PASSWORD)).status).toBe(200);

    const audit = await mail.server.sql('select action from audit_log where company_id = $1 and action = $2', [
      person.companyId,
      'auth.password_reset',
    ]);
    expect(audit).toHaveLength(1);
    // The link was sealed while queued and is gone now that it is delivered.
    const stored = await waitUntil('the delivery to be recorded', async () => {
      const rows = await mail.server.sql(
        `select status, payload, payload_sealed from notification_deliveries
         where event_type = 'auth.password_reset' and status <> 'pending'`,
      );
      return rows.length > 0 && rows;
    });
    expect(stored).toEqual([{ status: 'delivered', payload: null, payload_sealed: null }]);
  });

  it('refuses an expired link and a made-up one, saying so', async () => {
    await signUp(mail.server, 'late@reset.test', 'Late Co');
    expect((await requestReset('late@reset.test')).status).toBe(202);
    const { token } = linkIn(await mail.mailTo('late@reset.test', SUBJECT), 'reset-password');
    await mail.server.sql(`update password_reset_tokens set expires_at = now() - interval '1 minute'`);
    const expired = await confirm(token);
    expect(expired.status).toBe(400);
    expect(expired.body.error.message).toMatch(/link has expired/);
    expect((await login('late@reset.test', PASSWORD)).status).toBe(200);

    const madeUp = await confirm(`tcpw_abcdefgh_${'A'.repeat(43)}`);
    expect(madeUp.status).toBe(400);
    expect(madeUp.body.error.message).toMatch(/link is not valid/);
  });

  it('makes the older link useless when a newer one is sent', async () => {
    await signUp(mail.server, 'twice@reset.test', 'Twice Co');
    expect((await requestReset('twice@reset.test')).status).toBe(202);
    const first = linkIn(await mail.mailTo('twice@reset.test', SUBJECT), 'reset-password').token;
    expect((await requestReset('twice@reset.test')).status).toBe(202);
    const newer = await mail.inbox.waitFor(
      (email) =>
        email.envelopeTo.includes('twice@reset.test') && SUBJECT.test(email.subject) && !email.text.includes(first),
    );
    const { token } = linkIn(newer, 'reset-password');
    const old = await confirm(first);
    expect(old.status).toBe(400);
    expect(old.body.error.message).toMatch(/a newer one was sent/);
    expect((await confirm(token)).status).toBe(204);
  });

  it('answers the same for an address without an account, and emails nobody', async () => {
    await signUp(mail.server, 'known@reset.test', 'Known Co');
    const unknown = await requestReset('nobody@reset.test');
    const known = await requestReset('known@reset.test');
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    // Queued after the unknown one: once it has arrived, anything for nobody would have too.
    await mail.mailTo('known@reset.test', SUBJECT);
    expect(mail.inbox.messages.filter((email) => email.envelopeTo.includes('nobody@reset.test'))).toEqual([]);
    const queued = await mail.server.sql(`select summary from notification_deliveries where summary like '%nobody%'`);
    expect(queued).toEqual([]);
  });

  it('refuses more than three requests an hour for one address, with Retry-After', async () => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect((await requestReset('flooded@reset.test')).status, `request ${attempt}`).toBe(202);
    }
    const refused = await requestReset('FLOODED@reset.test');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('3600');
    expect(refused.body.error.message).toBe(
      'Too many password reset emails requested for this email address: check your inbox (and spam folder) for the last one, or wait up to 60 minutes',
    );
    expect((await requestReset('other@reset.test')).status).toBe(202);
  });

  it('refuses more than twenty requests an hour from one IP address, whatever the addresses', async () => {
    const [row] = await mail.server.sql<{ count: number }>(
      `select count(*)::int as count from auth_email_requests where kind = 'password_reset' and ip = '127.0.0.1'`,
    );
    const left = 20 - (row?.count ?? 0);
    for (let attempt = 0; attempt < left; attempt++) {
      expect((await requestReset(`sprayed-${attempt}@reset.test`)).status).toBe(202);
    }
    const refused = await requestReset('one-too-many@reset.test');
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/^Too many password reset emails requested from your address/);
  });
});
