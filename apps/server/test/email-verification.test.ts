import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signUp } from './people.ts';
import { type AccountMail, linkIn, startAccountMail } from './support/account-mail.ts';

const SUBJECT = /^Confirm your email address for TCP Agent Platform$/;

describe('email verification', () => {
  let mail: AccountMail;
  const me = async (token: string) => (await mail.server.request('GET', '/api/v1/me', { token })).body;
  const verify = (token: string) => mail.post('/api/v1/auth/verify-email', { token });
  const resend = (accessToken: string) => mail.post('/api/v1/auth/verify-email/resend', {}, accessToken);

  beforeAll(async () => {
    mail = await startAccountMail();
  });
  afterAll(() => mail?.close());

  it('emails a link at sign-up; following it makes the account verified', async () => {
    const person = await signUp(mail.server, 'new@verify.test', 'Verify Co');
    expect((await me(person.token)).emailVerified).toBe(false);
    // Not verified yet, and signing in works all the same.
    const login = await mail.server.request('POST', '/api/v1/auth/login', {
      body: { email: person.email, password: PASSWORD },
    });
    expect(login.status).toBe(200);

    const email = await mail.mailTo('new@verify.test', SUBJECT);
    expect(email.to).toBe('new@verify.test');
    expect(email.text).toContain('The link works once, for 24 hours.');
    const { token } = linkIn(email, 'verify-email');
    expect(token).toMatch(/^tcpv_/);

    const verified = await verify(token);
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ email: 'new@verify.test', emailVerified: true });
    expect((await me(person.token)).emailVerified).toBe(true);

    const again = await verify(token);
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/verification link was already used/);
    const resent = await resend(person.token);
    expect(resent.status).toBe(409);
    expect(resent.body.error.message).toBe('new@verify.test is already verified');
  });

  it('sends a new link on request, the older one stops working, and asking is throttled', async () => {
    const person = await signUp(mail.server, 'slow@verify.test', 'Slow Co');
    const first = linkIn(await mail.mailTo('slow@verify.test', SUBJECT), 'verify-email').token;
    const resent = await resend(person.token);
    expect(resent.status).toBe(202);
    expect(resent.body.message).toMatch(/We sent a new verification link/);
    const newer = await mail.inbox.waitFor(
      (email) => email.envelopeTo.includes('slow@verify.test') && !email.text.includes(first),
    );
    const { token } = linkIn(newer, 'verify-email');
    expect((await verify(first)).status).toBe(400);

    expect((await resend(person.token)).status).toBe(202);
    expect((await resend(person.token)).status).toBe(202);
    const refused = await resend(person.token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('3600');
    expect(refused.body.error.message).toMatch(/^Too many verification emails requested for this email address/);

    // The newest link of all is the one that works.
    await mail.inbox.waitFor(
      () => mail.inbox.messages.filter((email) => email.envelopeTo.includes('slow@verify.test')).length === 4,
    );
    const newest = mail.inbox.messages.filter((email) => email.envelopeTo.includes('slow@verify.test')).at(-1);
    expect((await verify(token)).status).toBe(400);
    expect((await verify(linkIn(newest as never, 'verify-email').token)).status).toBe(200);
    expect((await me(person.token)).emailVerified).toBe(true);
  });

  it('refuses an expired link, saying so', async () => {
    const person = await signUp(mail.server, 'expired@verify.test', 'Expired Co');
    const { token } = linkIn(await mail.mailTo('expired@verify.test', SUBJECT), 'verify-email');
    await mail.server.sql(
      `update email_verification_tokens set expires_at = now() - interval '1 minute'
      where user_id = $1`,
      [person.userId],
    );
    const expired = await verify(token);
    expect(expired.status).toBe(400);
    expect(expired.body.error.message).toMatch(/verification link has expired/);
    expect((await me(person.token)).emailVerified).toBe(false);
  });

  it('starts an invited person verified: the invitation came to their address', async () => {
    const owner = await signUp(mail.server, 'owner@verify.test', 'Inviting Co');
    const invited = await mail.server.request('POST', '/api/v1/invitations', {
      token: owner.token,
      body: { email: 'joiner@verify.test', role: 'member' },
    });
    const joined = await mail.server.request('POST', '/api/v1/invitations/accept', {
      body: { token: invited.body.token, password: PASSWORD },
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    expect((await me(joined.body.accessToken)).emailVerified).toBe(true);
  });
});
