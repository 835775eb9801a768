import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneLoginFailuresAsService } from '../src/features/auth/login-throttle.ts';
import { PASSWORD, signUp } from './people.ts';
import { createTestServer, type TestServer } from './test-server.ts';

/** The sign-in throttle as an attacker meets it: concurrent guesses, forged forwarding headers. */
describe('sign-in throttle', () => {
  let server: TestServer;

  beforeAll(async () => {
    // One proxy of ours in front (TRUST_PROXY_HOPS=1, the test server's setting).
    server = await createTestServer({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '5', LOGIN_MAX_FAILURES_PER_ADDRESS: '8' });
  });
  afterAll(() => server?.close());

  const login = (email: string, password: string, forwardedFor: string) =>
    server.request('POST', '/api/v1/auth/login', {
      body: { email, password },
      headers: { 'x-forwarded-for': forwardedFor },
    });

  it('evaluates at most the limit of ten wrong passwords sent at once; the rest get 429 with Retry-After', async () => {
    const target = await signUp(server, 'concurrent@throttle.test', 'Concurrent Co');
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => login(target.email, `wrong guess number ${i}`, '10.1.0.1')),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    for (const refused of answers.filter((answer) => answer.status === 429)) {
      expect(refused.headers.get('retry-after')).toBe('900');
      expect(refused.body.error.message).toMatch(/Too many failed sign-ins for this account/);
    }
    expect((await login(target.email, PASSWORD, '10.1.0.2')).status).toBe(429);
  });

  it('counts the address our proxy saw: rotating the left-most X-Forwarded-For entry does not evade it', async () => {
    const spray = (i: number, client: string) =>
      login(`sprayed${i}@throttle.test`, 'guess guess guess', `203.0.113.${i}, ${client}`);
    for (let i = 0; i < 8; i++) expect((await spray(i, '10.2.0.1')).status).toBe(401);
    const blocked = await spray(99, '10.2.0.1');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toMatch(/from your address/);
    // Another client behind the same proxy, even with an entry the blocked one sent, is its own count.
    expect((await spray(0, '10.2.0.2')).status).toBe(401);
  });

  it('frees the reservation of a right password, so sign-ins never use up the limit', async () => {
    const regular = await signUp(server, 'regular@throttle.test', 'Regular Co');
    for (let i = 0; i < 8; i++) expect((await login(regular.email, PASSWORD, '10.3.0.1')).status).toBe(200);
    expect((await login(regular.email, 'one wrong guess', '10.3.0.1')).status).toBe(401);
    expect((await login(regular.email, PASSWORD, '10.3.0.1')).status).toBe(200);
  });

  it('counts wrong current passwords on a password change like failed sign-ins', async () => {
    const holder = await signUp(server, 'stolen-token@throttle.test', 'Stolen Co');
    const change = (currentPassword: string) =>
      server.request('POST', '/api/v1/auth/password', {
        token: holder.token,
        body: { currentPassword, newPassword: 'an attackers new password' },
        headers: { 'x-forwarded-for': '10.4.0.1' },
      });
    for (let i = 0; i < 5; i++) expect((await change(`guess number ${i}`)).status).toBe(403);
    const refused = await change(PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('900');
    expect((await login(holder.email, PASSWORD, '10.4.0.2')).status).toBe(429);
  });

  it('forgets failures older than the window, so the table does not only grow', async () => {
    expect((await login('pruned@throttle.test', 'guess guess guess', '10.5.0.1')).status).toBe(401);
    await server.sql(`update login_failures set created_at = now() - interval '16 minutes' where ip = '10.5.0.1'`);
    const before = await server.sql<{ n: number }>('select count(*)::int as n from login_failures');
    const pruned = await pruneLoginFailuresAsService(server.deps.database, server.deps.config);
    expect(pruned).toBe(1);
    const after = await server.sql<{ n: number }>(`select count(*)::int as n from login_failures`);
    expect(after[0]?.n).toBe((before[0]?.n ?? 0) - 1);
    expect(await server.sql(`select 1 from login_failures where ip = '10.5.0.1'`)).toEqual([]);
  });
});
