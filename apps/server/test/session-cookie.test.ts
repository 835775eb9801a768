import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type Person, signUp } from './people.ts';
import { type ApiResponse, createTestServer, type TestServer } from './test-server.ts';

/** The dashboard's way: the refresh token lives in an httpOnly cookie and never in a body. */
const COOKIE_CALLER = { 'x-tcpa-session': 'cookie' };

interface SetCookie {
  name: string;
  value: string;
  attributes: Record<string, string>;
}

function setCookieOf(response: ApiResponse): SetCookie | undefined {
  const [header, ...more] = response.headers.getSetCookie();
  expect(more).toEqual([]);
  if (!header) return undefined;
  const [pair = '', ...parts] = header.split(';').map((part) => part.trim());
  const [name = '', value = ''] = pair.split('=');
  const attributes = Object.fromEntries(
    parts.map((part) => {
      const [key = '', attributeValue = ''] = part.split('=');
      return [key.toLowerCase(), attributeValue];
    }),
  );
  return { name, value, attributes };
}

describe('session cookie', () => {
  let server: TestServer;
  let owner: Person;

  const cookieLogin = async (email = owner.email, headers: Record<string, string> = {}) => {
    const login = await server.request('POST', '/api/v1/auth/login', {
      headers: { ...COOKIE_CALLER, ...headers },
      body: { email, password: PASSWORD },
    });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const cookie = setCookieOf(login);
    if (!cookie) throw new Error('no cookie set');
    return { login, cookie: cookie.value };
  };
  const refreshWith = (cookie: string) =>
    server.request('POST', '/api/v1/auth/refresh', {
      headers: { ...COOKIE_CALLER, cookie: `tcpa_refresh=${cookie}` },
      body: {},
    });

  beforeAll(async () => {
    server = await createTestServer({ REFRESH_TOKEN_TTL_DAYS: '14' });
    owner = await signUp(server, 'owner@cookie.test', 'Cookie Co');
  });
  afterAll(() => server?.close());

  it('keeps the refresh token of a cookie caller in an httpOnly, Strict, Secure cookie on the auth path only', async () => {
    const { login, cookie } = await cookieLogin();
    expect(login.body.refreshToken).toBeUndefined();
    expect(login.body.accessToken).toEqual(expect.any(String));
    expect(cookie).toMatch(/^tcpr_/);
    expect(setCookieOf(login)?.attributes).toEqual({
      'max-age': String(14 * 86_400),
      path: '/api/v1/auth',
      httponly: '',
      secure: '',
      samesite: 'Strict',
    });
    // A program that does not ask for the cookie gets the token in the body, and no cookie.
    const program = await server.request('POST', '/api/v1/auth/login', {
      body: { email: owner.email, password: PASSWORD },
    });
    expect(program.body.refreshToken).toMatch(/^tcpr_/);
    expect(program.headers.getSetCookie()).toEqual([]);
  });

  it('marks the cookie Secure for https pages and loopback hosts, and not for plain http to another host', async () => {
    const secureFor = async (origin: string) => {
      const { login } = await cookieLogin(owner.email, { origin });
      return 'secure' in (setCookieOf(login)?.attributes ?? {});
    };
    expect(await secureFor('https://tcpa.example.com')).toBe(true);
    expect(await secureFor('http://127.0.0.1:8080')).toBe(true);
    expect(await secureFor('http://localhost:8080')).toBe(true);
    expect(await secureFor('http://10.1.2.3:8080')).toBe(false);
  });

  it('refreshes from the cookie alone, rotating it, and the new access token works', async () => {
    const { cookie } = await cookieLogin();
    const refreshed = await refreshWith(cookie);
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    expect(refreshed.body.refreshToken).toBeUndefined();
    const rotated = setCookieOf(refreshed);
    expect(rotated?.value).toMatch(/^tcpr_/);
    expect(rotated?.value).not.toBe(cookie);
    const me = await server.request('GET', '/api/v1/me', { token: refreshed.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(owner.email);
  });

  it('refuses the cookie without the header or as a form post (another site cannot make either)', async () => {
    const { cookie } = await cookieLogin();
    const withoutHeader = await server.request('POST', '/api/v1/auth/refresh', {
      headers: { cookie: `tcpa_refresh=${cookie}` },
      body: {},
    });
    expect(withoutHeader.status).toBe(400);
    expect(withoutHeader.body.error.message).toMatch(/refreshToken: required .*"X-TCPA-Session: cookie"/i);
    const asForm = await server.request('POST', '/api/v1/auth/refresh', {
      headers: { ...COOKIE_CALLER, cookie: `tcpa_refresh=${cookie}`, 'content-type': 'text/plain' },
      rawBody: '{}',
    });
    expect(asForm.status).toBe(415);
    // Neither attempt spent the token.
    expect((await refreshWith(cookie)).status).toBe(200);
  });

  it('refuses a stolen, already rotated cookie and signs that session out everywhere, clearing the cookie', async () => {
    const { cookie: stolen } = await cookieLogin();
    const refreshed = await refreshWith(stolen);
    const current = setCookieOf(refreshed)?.value as string;

    const replay = await refreshWith(stolen);
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toMatch(/already used/);
    expect(setCookieOf(replay)).toMatchObject({ name: 'tcpa_refresh', value: '', attributes: { 'max-age': '0' } });
    expect((await refreshWith(current)).status).toBe(401);
    const me = await server.request('GET', '/api/v1/me', { token: refreshed.body.accessToken });
    expect(me.status).toBe(401);
  });

  it('refuses a refresh with no cookie as a plain sign-in-again', async () => {
    const none = await server.request('POST', '/api/v1/auth/refresh', { headers: COOKIE_CALLER, body: {} });
    expect(none.status).toBe(401);
    expect(none.body.error.message).toMatch(/sign in again/);
  });

  it('logs out from the cookie: the session ends and the cookie is cleared on its path', async () => {
    const { login, cookie } = await cookieLogin();
    const logout = await server.request('POST', '/api/v1/auth/logout', {
      headers: { ...COOKIE_CALLER, cookie: `tcpa_refresh=${cookie}` },
      body: {},
    });
    expect(logout.status).toBe(204);
    expect(setCookieOf(logout)).toMatchObject({
      name: 'tcpa_refresh',
      value: '',
      attributes: { 'max-age': '0', path: '/api/v1/auth', httponly: '', samesite: 'Strict' },
    });
    expect((await refreshWith(cookie)).status).toBe(401);
    expect((await server.request('GET', '/api/v1/me', { token: login.body.accessToken })).status).toBe(401);
  });

  it('sets the cookie on every other way into a session: sign-up, switch company, invitation accept and join', async () => {
    const signup = await server.request('POST', '/api/v1/auth/signup', {
      headers: COOKIE_CALLER,
      body: { email: 'second@cookie.test', password: PASSWORD, companyName: 'Second Co' },
    });
    expect(signup.status).toBe(201);
    expect(signup.body.refreshToken).toBeUndefined();
    expect(setCookieOf(signup)?.value).toMatch(/^tcpr_/);

    const newcomerInvitation = await server.request('POST', '/api/v1/invitations', {
      token: owner.token,
      body: { email: 'newcomer@cookie.test', role: 'member' },
    });
    const accepted = await server.request('POST', '/api/v1/invitations/accept', {
      headers: COOKIE_CALLER,
      body: { token: newcomerInvitation.body.token, password: PASSWORD },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.refreshToken).toBeUndefined();
    expect(setCookieOf(accepted)?.value).toMatch(/^tcpr_/);

    const joinInvitation = await server.request('POST', '/api/v1/invitations', {
      token: owner.token,
      body: { email: 'second@cookie.test', role: 'member' },
    });
    const joined = await server.request('POST', '/api/v1/invitations/join', {
      token: signup.body.accessToken,
      headers: COOKIE_CALLER,
      body: { token: joinInvitation.body.token },
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    const joinedCookie = setCookieOf(joined)?.value as string;
    expect(joinedCookie).toMatch(/^tcpr_/);

    const switched = await server.request('POST', '/api/v1/auth/switch-company', {
      token: joined.body.accessToken,
      headers: COOKIE_CALLER,
      body: { companyId: signup.body.company.id },
    });
    expect(switched.status).toBe(200);
    expect(switched.body.refreshToken).toBeUndefined();
    const switchedCookie = setCookieOf(switched)?.value as string;
    const refreshed = await refreshWith(switchedCookie);
    expect(refreshed.body.company.id).toBe(signup.body.company.id);
  });
});
