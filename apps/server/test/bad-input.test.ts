import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, setPlan, signUp } from './people.ts';
import { createTestServer, type TestServer } from './test-server.ts';

describe('bad input', () => {
  let server: TestServer;
  let owner: Person;

  beforeAll(async () => {
    server = await createTestServer({ MAX_BODY_BYTES: '4096' });
    owner = await signUp(server, 'owner@input.test', 'Input Co');
    await setPlan(server, owner.companyId, 'enterprise');
  });
  afterAll(() => server?.close());

  async function writes() {
    return JSON.stringify(
      await server.sql(`select (select count(*) from projects) as projects, (select count(*) from audit_log) as audit,
        (select count(*) from users) as users, (select count(*) from companies) as companies`),
    );
  }

  const cases: Array<{
    name: string;
    path: string;
    rawBody?: string;
    body?: unknown;
    contentType?: string;
    status: number;
    message: RegExp;
    auth?: boolean;
  }> = [
    { name: 'malformed JSON', path: '/api/v1/projects', rawBody: '{"name": ', status: 400, message: /not valid JSON/ },
    { name: 'empty body', path: '/api/v1/projects', rawBody: '', status: 400, message: /body is empty/ },
    {
      name: 'a JSON array instead of an object',
      path: '/api/v1/projects',
      body: ['x'],
      status: 400,
      message: /Invalid body/,
    },
    { name: 'wrong type', path: '/api/v1/projects', body: { name: 42 }, status: 400, message: /name: .*string/ },
    {
      name: 'empty name',
      path: '/api/v1/projects',
      body: { name: '   ' },
      status: 400,
      message: /name: must not be empty/,
    },
    {
      name: 'unknown field',
      path: '/api/v1/projects',
      body: { name: 'ok', owner: 'me' },
      status: 400,
      message: /unknown field "owner"/,
    },
    {
      name: 'too long a name',
      path: '/api/v1/projects',
      body: { name: 'x'.repeat(101) },
      status: 400,
      message: /name:/,
    },
    {
      name: 'a huge body',
      path: '/api/v1/projects',
      body: { name: 'ok', description: 'x'.repeat(10_000) },
      status: 413,
      message: /larger than 4096 bytes/,
    },
    {
      name: 'form data',
      path: '/api/v1/projects',
      rawBody: 'name=x',
      contentType: 'application/x-www-form-urlencoded',
      status: 415,
      message: /Content-Type: application\/json/,
    },
    {
      name: 'signup with a bad email and short password',
      path: '/api/v1/auth/signup',
      body: { email: 'nope', password: 'short', companyName: 'X' },
      status: 400,
      message: /email: must be an email address; password: must be at least 10 characters/,
      auth: false,
    },
    {
      name: 'signup with an extra field',
      path: '/api/v1/auth/signup',
      body: { email: 'x@y.test', password: 'long enough pw', companyName: 'X', role: 'owner' },
      status: 400,
      message: /unknown field "role"/,
      auth: false,
    },
    {
      name: 'an unknown scope',
      path: '/api/v1/api-keys',
      body: { name: 'k', scopes: ['root'] },
      status: 400,
      message: /scopes\.0/,
    },
  ];

  it.each(cases)('$name → $status with a clear message, nothing written', async (c) => {
    const before = await writes();
    const response = await server.request('POST', c.path, {
      ...(c.auth === false ? {} : { token: owner.token }),
      ...(c.rawBody !== undefined ? { rawBody: c.rawBody } : { body: c.body }),
      headers: { 'content-type': c.contentType ?? 'application/json' },
    });
    expect(response.status).toBe(c.status);
    expect(response.body.error.message).toMatch(c.message);
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts|select |insert /i);
    expect(await writes()).toBe(before);
  });

  it('rejects malformed ids and unknown query parameters', async () => {
    const badId = await server.request('GET', '/api/v1/projects/not-a-uuid', { token: owner.token });
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toMatch(/projectId: must be an id/);
    const badQuery = await server.request('GET', '/api/v1/projects?sort=name', { token: owner.token });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toMatch(/unknown field "sort"/);
    const badLimit = await server.request('GET', '/api/v1/audit-log?limit=100000', { token: owner.token });
    expect(badLimit.status).toBe(400);
  });

  it('refuses control characters, lone surrogates and dates outside 0001–9999 in words', async () => {
    const project = await server.request('POST', '/api/v1/projects', { token: owner.token, body: { name: 'texts' } });
    const before = await writes();
    const checks: Array<[string, string, unknown, RegExp]> = [
      [
        'POST',
        '/api/v1/auth/signup',
        { email: 'nul@input.test', password: 'long enough pw', companyName: 'Acme\u0000' },
        /^Invalid body: companyName: must not contain control characters \(such as NUL, tab or line break\)$/,
      ],
      [
        'PATCH',
        `/api/v1/projects/${project.body.id}`,
        { description: 'line one\nline two\ud800' },
        /^Invalid body: description: must be valid Unicode: it contains half of a character \(a lone surrogate\)$/,
      ],
      [
        'GET',
        `/api/v1/projects/${project.body.id}/agents/${crypto.randomUUID()}/telemetry?from=0000-01-01T00:00:00Z&to=2030-01-01T00:00:00Z`,
        undefined,
        /^Invalid query: from: must be between the years 0001 and 9999 \(UTC\)$/,
      ],
      [
        'GET',
        `/api/v1/projects/${project.body.id}/agents/${crypto.randomUUID()}/telemetry?from=2030-01-01T00:00:00&to=2030-01-02T00:00:00Z`,
        undefined,
        /^Invalid query: from: must be a date and time in ISO 8601 with Z or an offset, e.g. 2030-01-31T12:00:00Z/,
      ],
    ];
    for (const [method, path, body, message] of checks) {
      const response = await server.request(method, path, { token: owner.token, ...(body ? { body } : {}) });
      expect(response.status, path).toBe(400);
      expect(response.body.error.message).toMatch(message);
    }
    expect(await writes()).toBe(before);
  });

  it('answers unknown routes with the error format', async () => {
    const response = await server.request('GET', '/api/v1/nothing-here', { token: owner.token });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      error: { code: 'not_found', message: 'No such endpoint: GET /api/v1/nothing-here' },
    });
  });

  it('keeps serving after all of that', async () => {
    const response = await server.request('POST', '/api/v1/projects', { token: owner.token, body: { name: 'fine' } });
    expect(response.status).toBe(201);
  });
});
