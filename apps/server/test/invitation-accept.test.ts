import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, PASSWORD, type Person, setPlan, signUp } from './people.ts';
import { createTestServer, type TestServer } from './test-server.ts';

/**
 * Anyone can sign up a free company and invite any address, and the inviter holds the link. So
 * accepting must not check a password (it was a guessing oracle without a throttle), and the
 * preview must not say whether the address has an account.
 */
describe('accepting an invitation', () => {
  let server: TestServer;
  let attacker: Person;
  let victim: Person;

  beforeAll(async () => {
    server = await createTestServer();
    attacker = await signUp(server, 'mallory@attacker.test', 'Attacker Co');
    victim = await signUp(server, 'victim@target.test', 'Target Co');
  });
  afterAll(() => server?.close());

  const invite = async (by: Person, email: string) => {
    const created = await server.request('POST', '/api/v1/invitations', {
      token: by.token,
      body: { email, role: 'member' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.token as string;
  };
  const isPending = async (token: string) =>
    (await server.request('POST', '/api/v1/invitations/preview', { body: { token } })).status === 200;

  it('takes no password for an existing account: right and wrong guesses get the same answer and the link stays usable', async () => {
    const token = await invite(attacker, victim.email);
    const guesses = ['wrong password 1', 'wrong password 2', PASSWORD];
    const answers = [];
    for (const password of guesses) {
      const response = await server.request('POST', '/api/v1/invitations/accept', { body: { token, password } });
      answers.push({ status: response.status, body: response.body });
    }
    expect(answers[0]).toEqual({
      status: 401,
      body: {
        error: {
          code: 'unauthorized',
          message: 'An account already uses victim@target.test: sign in as it, then accept the invitation',
        },
      },
    });
    // The right password gets exactly what the wrong ones got: nothing to learn.
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(await isPending(token)).toBe(true);
    const [membership] = await server.sql('select 1 from company_memberships where company_id = $1 and user_id = $2', [
      attacker.companyId,
      victim.userId,
    ]);
    expect(membership).toBeUndefined();
  });

  it('lets the existing account join while signed in as itself', async () => {
    const token = await invite(attacker, victim.email);
    const joined = await server.request('POST', '/api/v1/invitations/join', { token: victim.token, body: { token } });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    expect(joined.body.user.id).toBe(victim.userId);
    expect(joined.body.company).toMatchObject({ id: attacker.companyId, role: 'member' });
    const me = await server.request('GET', '/api/v1/me', { token: joined.body.accessToken });
    expect(me.body.companies.map((c: { name: string }) => c.name).sort()).toEqual(['Attacker Co', 'Target Co']);
    expect(await isPending(token)).toBe(false);
    const again = await server.request('POST', '/api/v1/invitations/join', { token: victim.token, body: { token } });
    expect(again.status).toBe(409);
  });

  it('refuses another signed-in account, an API key and an anonymous join, leaving the invitation pending', async () => {
    const bystander = await signUp(server, 'bystander@target.test', 'Bystander Co');
    const token = await invite(bystander, 'invitee@target.test');
    const other = await server.request('POST', '/api/v1/invitations/join', { token: attacker.token, body: { token } });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe(
      'This invitation is for invitee@target.test, and you are signed in as mallory@attacker.test: sign in as invitee@target.test to accept it',
    );
    await setPlan(server, attacker.companyId, 'starter');
    const key = await createApiKey(server, attacker, { name: 'k', scopes: ['projects:read'] });
    const byKey = await server.request('POST', '/api/v1/invitations/join', { token: key.secret, body: { token } });
    expect(byKey.status).toBe(403);
    expect(byKey.body.error.message).toMatch(/API keys cannot accept invitations/);
    const anonymous = await server.request('POST', '/api/v1/invitations/join', { body: { token } });
    expect(anonymous.status).toBe(401);
    expect(await isPending(token)).toBe(true);
  });

  it('still lets a new person accept by choosing a password, once', async () => {
    const token = await invite(attacker, 'fresh@target.test');
    const accepted = await server.request('POST', '/api/v1/invitations/accept', {
      body: { token, password: PASSWORD, name: 'Fresh' },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.user).toMatchObject({ email: 'fresh@target.test', name: 'Fresh' });
    const login = await server.request('POST', '/api/v1/auth/login', {
      body: { email: 'fresh@target.test', password: PASSWORD },
    });
    expect(login.status).toBe(200);
    const again = await server.request('POST', '/api/v1/invitations/accept', { body: { token, password: PASSWORD } });
    expect(again.status).toBe(409);
  });

  it('previews the same fields whether or not the address has an account', async () => {
    const account = await signUp(server, 'has-account@target.test', 'Has Account Co');
    const existing = await server.request('POST', '/api/v1/invitations/preview', {
      body: { token: await invite(attacker, account.email) },
    });
    const unknown = await server.request('POST', '/api/v1/invitations/preview', {
      body: { token: await invite(attacker, 'nobody-yet@target.test') },
    });
    expect(existing.status).toBe(200);
    expect(existing.body).toEqual({
      email: account.email,
      companyName: 'Attacker Co',
      role: 'member',
      expiresAt: expect.any(String),
    });
    expect(Object.keys(unknown.body).sort()).toEqual(Object.keys(existing.body).sort());
  });
});
