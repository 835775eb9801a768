import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '@tcpa/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/env.ts';
import { type RunningServer, startServer } from '../src/server.ts';
import { newSecretKey } from './test-server.ts';

const TCPA = fileURLToPath(new URL('../bin/tcpa.mjs', import.meta.url));
const run = promisify(execFile);
/** Each `tcpa admin` is a new Node process that opens the database: seconds each on a loaded machine. */
const ADMIN_TEST_MS = 120_000;

/** `tcpa admin` as the operator runs it: its own process, configured like the server. */
describe(`tcpa admin on ${testDatabaseKind()}`, () => {
  const embedded = testDatabaseKind() === 'pglite';
  const secretKey = newSecretKey();
  let parent: string;
  let dataDir: string;
  let testDatabase: TestDatabase | undefined;
  let server: RunningServer | undefined;
  const companies: Record<string, { id: string; token: string }> = {};

  const env = () => ({ TCPA_DATA_DIR: dataDir, DATABASE_URL: testDatabase?.url ?? '', TCPA_SECRET_KEY: secretKey });

  async function tcpa(...args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, [TCPA, ...args], {
        env: { ...process.env, ...env() },
        timeout: 60_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  async function start() {
    server = await startServer(parseConfig({ ...env(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }));
    return server;
  }

  /** The embedded database takes one process: the server steps aside while the operator works. */
  async function stopEmbeddedServer() {
    if (!embedded) return;
    await server?.close();
    server = undefined;
  }

  async function api(method: string, path: string, token?: string, body?: unknown) {
    const response = await fetch(`${server?.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'tcpa-admin-'));
    dataDir = join(parent, 'data');
    if (!embedded) testDatabase = await createTestDatabase();
    await start();
    for (const [key, email, name] of [
      ['acme', 'ops@acme.test', 'Acme'],
      ['twin1', 'one@twin.test', 'Twin'],
      ['twin2', 'two@twin.test', 'Twin'],
    ] as const) {
      const signed = await api('POST', '/api/v1/auth/signup', undefined, {
        email,
        password: 'correct horse battery staple',
        companyName: name,
      });
      expect(signed.status, JSON.stringify(signed.body)).toBe(201);
      companies[key] = { id: signed.body.company.id, token: signed.body.accessToken };
    }
  });
  afterAll(async () => {
    await server?.close();
    await testDatabase?.dispose();
    await rm(parent, { recursive: true, force: true });
  });

  it.runIf(embedded)(
    'refuses, naming the process, while the server holds the embedded database',
    async () => {
      const refused = await tcpa('admin', 'set-plan', '--company', 'Acme', '--plan', 'enterprise');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`The embedded database in ${dataDir} is open in process ${process.pid}`);
      expect(refused.stderr).toContain('stop that process first');
      // The server was not disturbed and nothing changed.
      const subscription = await api('GET', '/api/v1/subscription', companies.acme?.token);
      expect(subscription.body.plan.id).toBe('free');
    },
    ADMIN_TEST_MS,
  );

  it(
    'lists every company with its plan, agents and members',
    async () => {
      await stopEmbeddedServer();
      const listed = await tcpa('admin', 'companies', '--json');
      expect(listed.stderr).toBe('');
      expect(JSON.parse(listed.stdout)).toEqual([
        { id: companies.acme?.id, name: 'Acme', plan: 'free', agents: 0, members: 1 },
        { id: companies.twin1?.id, name: 'Twin', plan: 'free', agents: 0, members: 1 },
        { id: companies.twin2?.id, name: 'Twin', plan: 'free', agents: 0, members: 1 },
      ]);
      const table = await tcpa('admin', 'companies');
      expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+PLAN\s+AGENTS\s+MEMBERS$/);
      expect(table.stdout).toMatch(new RegExp(`${companies.acme?.id}\\s+Acme\\s+free\\s+0\\s+1`));
    },
    ADMIN_TEST_MS,
  );

  it(
    'says clearly what is wrong with an unknown company or plan, or a shared name',
    async () => {
      await stopEmbeddedServer();
      const nobody = await tcpa('admin', 'set-plan', '--company', 'Nobody', '--plan', 'starter');
      expect(nobody).toMatchObject({ code: 1, stdout: '' });
      expect(nobody.stderr).toBe(
        'tcpa admin: no company has the id or name "Nobody": see them with `tcpa admin companies`\n',
      );
      const gold = await tcpa('admin', 'set-plan', '--company', 'Acme', '--plan', 'gold');
      expect(gold.stderr).toBe(
        'tcpa admin: there is no plan "gold": choose one of free, starter, professional, enterprise\n',
      );
      const twin = await tcpa('admin', 'set-plan', '--company', 'twin', '--plan', 'starter');
      expect(twin.code).toBe(1);
      expect(twin.stderr).toContain('2 companies are named "twin": give one of their ids with --company');
      expect(twin.stderr).toContain(companies.twin2?.id);
      const missing = await tcpa('admin', 'set-plan', '--company', 'Acme');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^tcpa admin: --plan is required/);
    },
    ADMIN_TEST_MS,
  );

  it(
    'moves a company to a plan by name or id, and the audit log and the API show it',
    async () => {
      await stopEmbeddedServer();
      const byName = await tcpa('admin', 'set-plan', '--company', 'acme', '--plan', 'enterprise');
      expect(byName.stdout, byName.stderr).toBe(
        `Acme (${companies.acme?.id}): plan free → enterprise (recorded in the company's audit log)\n`,
      );
      const byId = await tcpa('admin', 'set-plan', '--company', companies.twin2?.id ?? '', '--plan', 'starter');
      expect(byId.code).toBe(0);
      if (!server) await start();
      const acme = companies.acme?.token;
      expect((await api('GET', '/api/v1/subscription', acme)).body.plan.id).toBe('enterprise');
      expect((await api('GET', '/api/v1/subscription', companies.twin2?.token)).body.plan.id).toBe('starter');
      expect((await api('GET', '/api/v1/subscription', companies.twin1?.token)).body.plan.id).toBe('free');
      const audit = await api('GET', '/api/v1/audit-log?action=subscription.plan_changed', acme);
      expect(audit.status).toBe(200);
      expect(audit.body.entries).toEqual([
        expect.objectContaining({
          action: 'subscription.plan_changed',
          targetType: 'company',
          targetId: companies.acme?.id,
          actorUserId: null,
          details: { actor: 'operator', from: 'free', to: 'enterprise' },
        }),
      ]);
      // What the Free plan kept out now works: an API key.
      const key = await api('POST', '/api/v1/api-keys', acme, { name: 'ci', scopes: ['projects:read'] });
      expect(key.status, JSON.stringify(key.body)).toBe(201);
    },
    ADMIN_TEST_MS,
  );
});
