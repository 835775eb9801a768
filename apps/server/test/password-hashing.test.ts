import type { Database } from '@tcpa/db';
import argon2 from 'argon2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PASSWORD, signUp } from './people.ts';
import { createTestServer, type TestServer } from './test-server.ts';

/**
 * argon2 holds a thread for tens of milliseconds per call. Inside a transaction it also holds a
 * database connection, and PGlite has only one: 16 parallel invitation guesses took another
 * company's median request from 2 to 431 ms. So no hash or verify may run while the server has a
 * transaction open. Observed here: the transactions the app opens, at each call into argon2.
 */
describe('password hashing and the database', () => {
  let server: TestServer;
  let openTransactions = 0;
  const calls: Array<{ call: 'hash' | 'verify'; openTransactions: number }> = [];

  const observe = (database: Database): Database => {
    const counted = async <T>(work: () => Promise<T>) => {
      openTransactions++;
      try {
        return await work();
      } finally {
        openTransactions--;
      }
    };
    return {
      kind: database.kind,
      withClaims: (claims, work) => database.withClaims(claims, (tx) => counted(() => work(tx))),
      unsafeAsOwner: (work) => database.unsafeAsOwner((tx) => counted(() => work(tx))),
      close: () => database.close(),
    };
  };

  beforeAll(async () => {
    const hash = argon2.hash.bind(argon2);
    const verify = argon2.verify.bind(argon2);
    vi.spyOn(argon2, 'hash').mockImplementation(((...args: Parameters<typeof hash>) => {
      calls.push({ call: 'hash', openTransactions });
      return hash(...args);
    }) as typeof hash);
    vi.spyOn(argon2, 'verify').mockImplementation((...args) => {
      calls.push({ call: 'verify', openTransactions });
      return verify(...args);
    });
    server = await createTestServer({}, { observeDatabase: observe });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await server?.close();
  });

  it('runs no argon2 hash or verify inside a transaction: sign-up, sign-in, password change, invitations', async () => {
    const owner = await signUp(server, 'owner@hashing.test', 'Hashing Co');
    const login = (email: string, password: string) =>
      server.request('POST', '/api/v1/auth/login', { body: { email, password } });
    expect((await login(owner.email, PASSWORD)).status).toBe(200);
    expect((await login(owner.email, 'not the password')).status).toBe(401);
    expect((await login('nobody@hashing.test', 'not the password')).status).toBe(401);
    const change = (currentPassword: string) =>
      server.request('POST', '/api/v1/auth/password', {
        token: owner.token,
        body: { currentPassword, newPassword: 'a brand new password' },
      });
    expect((await change('not the password')).status).toBe(403);
    expect((await change(PASSWORD)).status).toBe(204);
    const invitation = await server.request('POST', '/api/v1/invitations', {
      token: owner.token,
      body: { email: 'new@hashing.test', role: 'member' },
    });
    const accepted = await server.request('POST', '/api/v1/invitations/accept', {
      body: { token: invitation.body.token, password: PASSWORD },
    });
    expect(accepted.status).toBe(200);

    expect(calls.filter((c) => c.call === 'hash').length).toBeGreaterThanOrEqual(3);
    expect(calls.filter((c) => c.call === 'verify').length).toBeGreaterThanOrEqual(5);
    expect(calls.filter((c) => c.openTransactions > 0)).toEqual([]);
  });
});
