import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invite, PASSWORD, signUp } from './people.ts';
import { createTestServer, type TestServer } from './test-server.ts';

/** An access token lives 15 minutes, but stops at once when its session (refresh-token family) ends. */
describe('ended sessions', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server?.close());

  const signIn = async (email: string, password = PASSWORD) => {
    const response = await server.request('POST', '/api/v1/auth/login', { body: { email, password } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return { token: response.body.accessToken as string, refreshToken: response.body.refreshToken as string };
  };
  const statusWith = async (token: string) => (await server.request('GET', '/api/v1/projects', { token })).status;

  it('refuses the access token of a logged-out session on the next request; other sessions go on', async () => {
    const person = await signUp(server, 'logout@sessions.test', 'Logout Co');
    const laptop = await signIn(person.email);
    expect(await statusWith(laptop.token)).toBe(200);
    expect(
      (await server.request('POST', '/api/v1/auth/logout', { body: { refreshToken: laptop.refreshToken } })).status,
    ).toBe(204);
    const after = await server.request('GET', '/api/v1/projects', { token: laptop.token });
    expect(after.status).toBe(401);
    expect(after.body.error.message).toBe(
      'This session has ended (signed out, password changed or access removed): sign in again',
    );
    expect(await statusWith(person.token)).toBe(200);
  });

  it('refuses the other sessions’ access tokens after a password change, not the one that changed it', async () => {
    const person = await signUp(server, 'password@sessions.test', 'Password Co');
    const phone = await signIn(person.email);
    const changed = await server.request('POST', '/api/v1/auth/password', {
      token: person.token,
      body: { currentPassword: PASSWORD, newPassword: 'a brand new password' },
    });
    expect(changed.status).toBe(204);
    expect(await statusWith(phone.token)).toBe(401);
    expect(await statusWith(person.token)).toBe(200);
  });

  it('refuses the access token of a session signed out by a replayed refresh token, or by removal', async () => {
    const owner = await signUp(server, 'owner@sessions.test', 'Removal Co');
    const member = await invite(server, owner, 'member@sessions.test', 'member');
    const first = await server.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: member.refreshToken } });
    expect(first.status).toBe(200);
    const replay = await server.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: member.refreshToken },
    });
    expect(replay.status).toBe(401);
    expect(await statusWith(first.body.accessToken)).toBe(401);

    const again = await signIn(member.email);
    expect(await statusWith(again.token)).toBe(200);
    expect((await server.request('DELETE', `/api/v1/members/${member.userId}`, { token: owner.token })).status).toBe(
      204,
    );
    const removed = await server.request('GET', '/api/v1/me', { token: again.token });
    expect(removed.status).toBe(401);
    expect(removed.body.error.message).toMatch(/session has ended/);
  });
});
