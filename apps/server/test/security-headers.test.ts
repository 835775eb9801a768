import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../src/routes.ts';
import { PASSWORD, setPlan, signUp } from './people.ts';
import { type ApiResponse, createTestServer, type TestServer } from './test-server.ts';

/** What every response says to browsers, whatever it is. */
function expectBrowserHeaders(response: { headers: Headers }, what: string) {
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(response.headers.get('content-security-policy'), what).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
  expect(response.headers.get('referrer-policy'), what).toBe('no-referrer');
}

/** Does a JSON schema (from the OpenAPI document) have a property named like a secret, at any depth? */
function namesASecret(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return false;
  const { properties, ...rest } = schema as { properties?: Record<string, unknown> };
  if (
    properties &&
    Object.entries(properties).some(([name, value]) => /token|secret/i.test(name) || namesASecret(value))
  ) {
    return true;
  }
  return Object.values(rest).some((value) => (Array.isArray(value) ? value.some(namesASecret) : namesASecret(value)));
}

describe('security headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server?.close());

  it('are on every route of the API, not to be stored, and on the dashboard, the docs and the MCP endpoint', async () => {
    for (const route of allRoutes) {
      const path = route.path.replace(/:\w+/g, () => randomUUID());
      const method = route.method.toUpperCase();
      const response = await server.request(method, path, method === 'GET' || method === 'DELETE' ? {} : { body: {} });
      const what = `${method} ${route.path} (${response.status})`;
      expectBrowserHeaders(response, what);
      expect(response.headers.get('cache-control'), what).toBe('no-store');
    }
    for (const path of [
      '/',
      '/projects',
      '/api/docs',
      '/api/openapi.json',
      '/.well-known/jwks.json',
      '/no/such/page',
    ]) {
      expectBrowserHeaders(await server.app.request(path), path);
    }
    expect((await server.app.request('/api/openapi.json')).headers.get('cache-control')).toBe('no-store');
    const mcp = await server.app.request('/mcp', { method: 'POST', body: '{}' });
    expectBrowserHeaders(mcp, 'POST /mcp');
    expect(mcp.headers.get('cache-control')).toBe('no-store');
    // The docs' static assets are the exception: the same for everyone, cached for a day.
    const asset = await server.app.request('/api/docs/assets/swagger-ui.css');
    expectBrowserHeaders(asset, 'swagger-ui.css');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=86400');
  });

  it('tell browsers and proxies not to store a response that carries a secret', async () => {
    const document = (await server.request('GET', '/api/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
      >;
    };
    const secretBearing = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) =>
          Object.entries(operation.responses).some(
            ([status, response]) =>
              status.startsWith('2') && namesASecret(response.content?.['application/json']?.schema),
          ),
        )
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );

    const owner = await signUp(server, 'owner@headers.test', 'Headers Co');
    await setPlan(server, owner.companyId, 'professional');
    const project = (await server.request('POST', '/api/v1/projects', { token: owner.token, body: { name: 'P' } }))
      .body;
    let invitationToken = '';
    let secondToken = '';
    // One real, successful call per secret-bearing route, in an order where each can succeed.
    const calls: Record<string, () => Promise<ApiResponse>> = {
      'POST /api/v1/auth/signup': async () => {
        const response = await server.request('POST', '/api/v1/auth/signup', {
          body: { email: 'second@headers.test', password: PASSWORD, companyName: 'Second Co' },
        });
        secondToken = response.body.accessToken;
        return response;
      },
      'POST /api/v1/auth/login': () =>
        server.request('POST', '/api/v1/auth/login', { body: { email: owner.email, password: PASSWORD } }),
      'POST /api/v1/auth/refresh': () =>
        server.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: owner.refreshToken } }),
      'POST /api/v1/auth/switch-company': () =>
        server.request('POST', '/api/v1/auth/switch-company', {
          token: owner.token,
          body: { companyId: owner.companyId },
        }),
      'POST /api/v1/invitations': async () => {
        const response = await server.request('POST', '/api/v1/invitations', {
          token: owner.token,
          body: { email: 'new@headers.test', role: 'member' },
        });
        invitationToken = response.body.token;
        return response;
      },
      'POST /api/v1/invitations/join': async () => {
        const invited = await server.request('POST', '/api/v1/invitations', {
          token: owner.token,
          body: { email: 'second@headers.test', role: 'member' },
        });
        return server.request('POST', '/api/v1/invitations/join', {
          token: secondToken,
          body: { token: invited.body.token },
        });
      },
      'POST /api/v1/invitations/accept': () =>
        server.request('POST', '/api/v1/invitations/accept', { body: { token: invitationToken, password: PASSWORD } }),
      'POST /api/v1/api-keys': () =>
        server.request('POST', '/api/v1/api-keys', {
          token: owner.token,
          body: { name: 'k', scopes: ['projects:read'] },
        }),
      'POST /api/v1/projects/{projectId}/enrolment-tokens': () =>
        server.request('POST', `/api/v1/projects/${project.id}/enrolment-tokens`, { token: owner.token, body: {} }),
      'POST /api/v1/notification-channels': () =>
        server.request('POST', '/api/v1/notification-channels', {
          token: owner.token,
          body: { kind: 'webhook', name: 'hook', url: 'https://93.184.215.14/hook', eventTypes: ['*'] },
        }),
      'GET /api/v1/projects/{projectId}/enrolment-tokens': () =>
        server.request('GET', `/api/v1/projects/${project.id}/enrolment-tokens`, { token: owner.token }),
    };
    // A new route whose response names a token or a secret must be added here.
    expect(Object.keys(calls).sort()).toEqual([...secretBearing].sort());
    for (const [route, call] of Object.entries(calls)) {
      const response = await call();
      expect(response.status, `${route}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
      expect(response.headers.get('cache-control'), route).toBe('no-store');
      expectBrowserHeaders(response, route);
    }
  });
});
