import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/env.ts';
import { allRoutes } from '../src/routes.ts';
import { createTestServer, type TestServer } from './test-server.ts';

describe('health, OpenAPI, docs and config', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server?.close());

  it('reports version and database status', async () => {
    const health = await server.request('GET', '/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      version: '0.1.0',
      database: { kind: server.testDatabase.kind, status: 'ok' },
    });
  });

  it('describes every route in the OpenAPI document', async () => {
    const doc = await server.request('GET', '/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    for (const route of allRoutes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.body.paths[path]?.[route.method], `${route.method} ${path}`).toBeDefined();
    }
    const create = doc.body.paths['/api/v1/projects'].post;
    expect(create.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['name'],
    });
    expect(create.responses['402'] ?? create.responses.default).toBeDefined();
  });

  it('serves browsable docs without internet', async () => {
    const page = await server.request('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.body).toContain('swagger-ui-bundle.js');
    const start = await server.app.request('/api/docs/assets/start.js');
    expect(await start.text()).toContain('/api/openapi.json');
    const bundle = await server.app.request('/api/docs/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
  });

  it('tags every response with a request id', async () => {
    const response = await server.app.request('/api/v1/health');
    expect(response.headers.get('x-request-id')).toMatch(/\S{8,}/);
  });

  it('fails fast on bad configuration, naming each variable', () => {
    expect(() => parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', TRUST_PROXY: 'maybe' })).toThrow(
      /PORT: .*\(got "eighty"\)[\s\S]*DATABASE_URL: must be a postgres:\/\/ URL[\s\S]*TRUST_PROXY: must be true or false/,
    );
    expect(parseConfig({})).toMatchObject({ PORT: 8080, TCPA_DATA_DIR: '.tcpa-data' });
  });
});
