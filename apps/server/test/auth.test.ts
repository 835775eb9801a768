import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type Person, signUp } from './people.ts';
import { createTestServer, type TestServer } from './test-server.ts';

describe('auth', () => {
  let server: TestServer;
  let alice: Person;

  beforeAll(async () => {
    server = await createTestServer({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '6' });
    alice = await signUp(server, 'Alice@Example.com', 'Alice Co');
  });
  afterAll(() => server?.close());

  it('signs up a company with its owner on the Free plan', async () => {
    const me = await server.request('GET', '/api/v1/me', { token: alice.token });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('alice@example.com');
    expect(me.body.company).toMatchObject({ name: 'Alice Co', role: 'owner', planId: 'free' });
    const [stored] = await server.sql<{ password_hash: string }>('select password_hash from users where id = $1', [
      alice.userId,
    ]);
    expect(stored?.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a second sign-up with the same email, whatever its case', async () => {
    const again = await server.request('POST', '/api/v1/auth/signup', {
      body: { email: 'ALICE@example.com', password: PASSWORD, companyName: 'Other' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already exists/);
  });

  it('issues access tokens that verify against the published JWKS', async () => {
    const jwks = await server.request('GET', '/.well-known/jwks.json');
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(jwks.body.keys[0].d).toBeUndefined();
    const { payload } = await jwtVerify(alice.token, createLocalJWKSet(jwks.body));
    expect(payload.sub).toBe(alice.userId);
  });

  it('logs in with the right password and refuses the wrong one with a plain message', async () => {
    const ok = await server.request('POST', '/api/v1/auth/login', {
      body: { email: 'alice@example.com', password: PASSWORD },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.company.id).toBe(alice.companyId);
    const wrong = await server.request('POST', '/api/v1/auth/login', {
      body: { email: 'alice@example.com', password: 'not the password' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('Email or password is wrong');
    const nobody = await server.request('POST', '/api/v1/auth/login', {
      body: { email: 'nobody@example.com', password: 'whatever1234' },
    });
    expect(nobody.body.error.message).toBe('Email or password is wrong');
  });

  it('refuses an expired access token, and a forged one', async () => {
    const expired = await server.deps.tokens.signWithExpiry(
      { userId: alice.userId, companyId: alice.companyId, sessionId: crypto.randomUUID() },
      Math.floor(Date.now() / 1000) - 5,
    );
    const response = await server.request('GET', '/api/v1/me', { token: expired });
    expect(response.status).toBe(401);
    expect(response.body.error.message).toMatch(/expired/);
    const [header, payload] = alice.token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not a signature').toString('base64url')}`;
    expect((await server.request('GET', '/api/v1/me', { token: forged })).status).toBe(401);
    expect((await server.request('GET', '/api/v1/me')).body.error.code).toBe('unauthorized');
  });

  it('rotates refresh tokens, and reuse of a spent one signs the whole family out', async () => {
    const first = await server.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: alice.refreshToken } });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(alice.refreshToken);
    const second = await server.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    expect(second.status).toBe(200);

    const replay = await server.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: alice.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toMatch(/already used/);
    // The newest token of the family no longer works either.
    const newest = await server.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: second.body.refreshToken },
    });
    expect(newest.status).toBe(401);
  });

  it('logout ends the session', async () => {
    const login = await server.request('POST', '/api/v1/auth/login', {
      body: { email: 'alice@example.com', password: PASSWORD },
    });
    const logout = await server.request('POST', '/api/v1/auth/logout', {
      body: { refreshToken: login.body.refreshToken },
    });
    expect(logout.status).toBe(204);
    const refresh = await server.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    expect(refresh.status).toBe(401);
  });

  it('changes the password, signing out other sessions but not this one', async () => {
    const bob = await signUp(server, 'bob@example.com', 'Bob Co');
    const other = await server.request('POST', '/api/v1/auth/login', {
      body: { email: 'bob@example.com', password: PASSWORD },
    });
    const wrong = await server.request('POST', '/api/v1/auth/password', {
      token: bob.token,
      body: { currentPassword: 'nope nope nope', newPassword: 'a brand new password' },
    });
    expect(wrong.status).toBe(403);
    const changed = await server.request('POST', '/api/v1/auth/password', {
      token: bob.token,
      body: { currentPassword: PASSWORD, newPassword: 'a brand new password' },
    });
    expect(changed.status).toBe(204);
    const otherRefresh = await server.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: other.body.refreshToken },
    });
    expect(otherRefresh.status).toBe(401);
    const ownRefresh = await server.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: bob.refreshToken },
    });
    expect(ownRefresh.status).toBe(200);
    const oldPassword = await server.request('POST', '/api/v1/auth/login', {
      body: { email: 'bob@example.com', password: PASSWORD },
    });
    expect(oldPassword.status).toBe(401);
    const newPassword = await server.request('POST', '/api/v1/auth/login', {
      body: { email: 'bob@example.com', password: 'a brand new password' },
    });
    expect(newPassword.status).toBe(200);
  });

  it('rate-limits failed logins per account, even with the right password afterwards', async () => {
    await signUp(server, 'carol@example.com', 'Carol Co');
    const attempt = (password: string, ip: string) =>
      server.request('POST', '/api/v1/auth/login', {
        body: { email: 'carol@example.com', password },
        headers: { 'x-forwarded-for': ip },
      });
    for (let i = 0; i < 3; i++) expect((await attempt('wrong password!', `10.9.0.${i}`)).status).toBe(401);
    const blocked = await attempt(PASSWORD, '10.9.0.99');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('900');
    expect(blocked.body.error.message).toMatch(/Too many failed sign-ins for this account/);
  });

  it('rate-limits failed logins per address across accounts', async () => {
    const dave = await signUp(server, 'dave@example.com', 'Dave Co');
    const ip = '10.8.0.1';
    for (let i = 0; i < 6; i++) {
      const response = await server.request('POST', '/api/v1/auth/login', {
        body: { email: `spray${i}@example.com`, password: 'guess guess guess' },
        headers: { 'x-forwarded-for': ip },
      });
      expect(response.status).toBe(401);
    }
    const blocked = await server.request('POST', '/api/v1/auth/login', {
      body: { email: dave.email, password: PASSWORD },
      headers: { 'x-forwarded-for': ip },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toMatch(/from your address/);
    const elsewhere = await server.request('POST', '/api/v1/auth/login', {
      body: { email: dave.email, password: PASSWORD },
      headers: { 'x-forwarded-for': '10.8.0.2' },
    });
    expect(elsewhere.status).toBe(200);
  });

  it('switches to another company the user belongs to, and not to others', async () => {
    const erin = await signUp(server, 'erin@example.com', 'Erin Co');
    // A new session: the sign-up's ended when its spent refresh token was replayed above.
    const login = await server.request('POST', '/api/v1/auth/login', {
      body: { email: 'alice@example.com', password: PASSWORD },
    });
    const aliceToken: string = login.body.accessToken;
    const invited = await server.request('POST', '/api/v1/invitations', {
      token: erin.token,
      body: { email: 'alice@example.com', role: 'admin' },
    });
    const accepted = await server.request('POST', '/api/v1/invitations/join', {
      token: aliceToken,
      body: { token: invited.body.token },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user.id).toBe(alice.userId);
    const switched = await server.request('POST', '/api/v1/auth/switch-company', {
      token: aliceToken,
      body: { companyId: erin.companyId },
    });
    expect(switched.status).toBe(200);
    expect(switched.body.company).toMatchObject({ id: erin.companyId, role: 'admin' });
    const me = await server.request('GET', '/api/v1/me', { token: switched.body.accessToken });
    expect(me.body.companies.map((c: { name: string }) => c.name).sort()).toEqual(['Alice Co', 'Erin Co']);
    const bob = await server.request('POST', '/api/v1/auth/login', {
      body: { email: 'bob@example.com', password: 'a brand new password' },
    });
    const refused = await server.request('POST', '/api/v1/auth/switch-company', {
      token: aliceToken,
      body: { companyId: bob.body.company.id },
    });
    expect(refused.status).toBe(404);
  });
});
