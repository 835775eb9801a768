import { ApiError, dataOf } from '@tcpa/api-client';
import type { Session } from '@tcpa/contracts';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../src/api/api-client.ts';
import { errorMessage } from '../src/api/api-error.ts';
import { TokenStore } from '../src/auth/token-store.ts';

const ids = { user: '00000000-0000-4000-8000-000000000001', company: '00000000-0000-4000-8000-000000000002' };

/** A session as the server answers a cookie caller: no refresh token in the body. */
function session(n: number): Session {
  return {
    accessToken: `access-${n}`,
    expiresIn: 900,
    user: { id: ids.user, email: 'a@b.test', name: null, createdAt: '2025-01-01T00:00:00.000Z' },
    company: { id: ids.company, name: 'Acme', role: 'owner', planId: 'free' },
  };
}

class MemoryStorage {
  values = new Map<string, string>();
  getItem = (key: string) => this.values.get(key) ?? null;
  setItem = (key: string, value: string) => void this.values.set(key, value);
  removeItem = (key: string) => void this.values.delete(key);
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A tiny server: routes by "METHOD path", records each request. */
function fakeFetch(handler: (method: string, path: string, request: Request) => Response | Promise<Response>) {
  const calls: Array<{
    method: string;
    path: string;
    auth: string | null;
    sessionHeader: string | null;
    body: unknown;
  }> = [];
  const fetchImpl = async (request: Request) => {
    const path = new URL(request.url).pathname;
    const text = await request.clone().text();
    calls.push({
      method: request.method,
      path,
      auth: request.headers.get('authorization'),
      sessionHeader: request.headers.get('x-tcpa-session'),
      body: text ? JSON.parse(text) : undefined,
    });
    return handler(request.method, path, request);
  };
  return { fetchImpl, calls };
}

const baseUrl = 'http://dashboard.test';
const listProjects = (client: ApiClient) => dataOf(client.api.GET('/api/v1/projects'));

describe('ApiClient', () => {
  it('shows the server’s error message and code', async () => {
    const { fetchImpl } = fakeFetch(() =>
      json(402, { error: { code: 'plan_limit', message: 'Your plan allows 1 project; Starter allows 5' } }),
    );
    const client = new ApiClient({ baseUrl, fetch: fetchImpl, tokens: new TokenStore() });
    const error = (await listProjects(client).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(402);
    expect(error.code).toBe('plan_limit');
    expect(error.message).toBe('Your plan allows 1 project; Starter allows 5');
  });

  it('words errors without a body by status, and a network failure as offline', async () => {
    const tokens = new TokenStore();
    const bare = new ApiClient({
      baseUrl,
      fetch: fakeFetch(() => new Response('bad gateway', { status: 502 })).fetchImpl,
      tokens,
    });
    const failure = await listProjects(bare).catch((e: unknown) => e);
    expect(errorMessage(failure)).toBe('The server had a problem (502); try again in a moment.');
    const offline = new ApiClient({
      baseUrl,
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      tokens,
    });
    await expect(listProjects(offline)).rejects.toMatchObject({
      code: 'unreachable',
      message: 'Cannot reach the server: check your connection; we will keep trying.',
    });
  });

  it('on 401 refreshes once from the cookie, retries, and keeps the new session in memory', async () => {
    const tokens = new TokenStore();
    tokens.set(session(1));
    let refreshes = 0;
    const { fetchImpl, calls } = fakeFetch(async (_method, path, request) => {
      if (path === '/api/v1/auth/refresh') {
        refreshes += 1;
        expect(await request.json()).toEqual({});
        return json(200, session(2));
      }
      const auth = request.headers.get('authorization');
      if (auth !== 'Bearer access-2') return json(401, { error: { code: 'unauthorized', message: 'expired' } });
      return json(200, { projects: [] });
    });
    const client = new ApiClient({ baseUrl, fetch: fetchImpl, tokens });
    // Three requests at once share one refresh.
    const results = await Promise.all([1, 2, 3].map(() => listProjects(client)));
    expect(results).toEqual([{ projects: [] }, { projects: [] }, { projects: [] }]);
    expect(refreshes).toBe(1);
    expect(tokens.current?.accessToken).toBe('access-2');
    expect(calls.filter((c) => c.path === '/api/v1/projects' && c.auth === 'Bearer access-2')).toHaveLength(3);
    // Every request asks for the cookie, so no answer carries a refresh token.
    expect(calls.every((c) => c.sessionHeader === 'cookie')).toBe(true);
  });

  it('on load resumes the session the cookie holds, or shows there is none', async () => {
    for (const [answer, expected] of [
      [json(200, session(7)), 'access-7'],
      [json(401, { error: { code: 'unauthorized', message: 'Refresh token is not valid' } }), undefined],
    ] as const) {
      const hints = new MemoryStorage();
      hints.setItem('tcpa.signedIn', 'yes');
      const tokens = new TokenStore(hints);
      const client = new ApiClient({ baseUrl, fetch: fakeFetch(() => answer).fetchImpl, tokens });
      expect(tokens.resuming).toBe(true);
      await client.resumeSession();
      expect(tokens.resuming).toBe(false);
      expect(tokens.current?.accessToken).toBe(expected);
      expect(hints.getItem('tcpa.signedIn')).toBe(expected ? 'yes' : null);
    }
  });

  it('does not ask on a first visit or after signing out, where the cookie holds nothing', async () => {
    const tokens = new TokenStore(new MemoryStorage());
    const { fetchImpl, calls } = fakeFetch(() => json(200, session(1)));
    await new ApiClient({ baseUrl, fetch: fetchImpl, tokens }).resumeSession();
    expect(calls).toEqual([]);
    expect(tokens.current).toBeNull();
    expect(tokens.resuming).toBe(false);
  });

  it('ends the session when the refresh is refused, and tells the app to show the sign-in page', async () => {
    const tokens = new TokenStore();
    tokens.set(session(1));
    let ended = 0;
    const { fetchImpl } = fakeFetch((_method, path) =>
      path === '/api/v1/auth/refresh'
        ? json(401, { error: { code: 'unauthorized', message: 'refresh token reused' } })
        : json(401, { error: { code: 'unauthorized', message: 'Your session expired' } }),
    );
    const client = new ApiClient({ baseUrl, fetch: fetchImpl, tokens, onSessionEnded: () => ended++ });
    await expect(listProjects(client)).rejects.toThrow('Your session expired');
    expect(ended).toBe(1);
    expect(tokens.current).toBeNull();
  });

  it('never refreshes for anonymous calls such as sign-in', async () => {
    const tokens = new TokenStore();
    tokens.set(session(1));
    const { fetchImpl, calls } = fakeFetch(() =>
      json(401, { error: { code: 'unauthorized', message: 'Wrong email or password' } }),
    );
    const client = new ApiClient({ baseUrl, fetch: fetchImpl, tokens });
    await expect(
      dataOf(client.publicApi.POST('/api/v1/auth/login', { body: { email: 'a@b.test', password: 'wrong-password' } })),
    ).rejects.toThrow('Wrong email or password');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.auth).toBeNull();
    expect(tokens.current).not.toBeNull();
  });
});
