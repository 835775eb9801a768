import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '@tcpa/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NodeChild, spawnNodeScript } from '../../bench/child-process.ts';
import { type HttpReceiver, startHttpReceiver } from '../support/http-receiver.ts';
import { newSecretKey } from '../test-server.ts';
import { waitUntil } from '../wait-until.ts';

const MAIN = 'apps/server/src/main.ts';
const TCPA = fileURLToPath(new URL('../../bin/tcpa.mjs', import.meta.url));
const STARTUP_MS = 120_000;

/** The server as its own process, killed with SIGKILL while a webhook is being delivered. */
describe(`a delivery through kill -9 of the server (${testDatabaseKind()})`, () => {
  const secretKey = newSecretKey();
  let parent: string;
  let testDatabase: TestDatabase | undefined;
  let receiver: HttpReceiver;
  const children: NodeChild[] = [];
  let url = '';
  let token = '';

  const env = () => ({
    TCPA_DATA_DIR: join(parent, 'data'),
    DATABASE_URL: testDatabase?.url ?? '',
    TCPA_SECRET_KEY: secretKey,
  });

  async function start() {
    const child = spawnNodeScript(MAIN, {
      ...env(),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      OUTBOUND_ALLOW_HOSTS: receiver.host,
      DELIVERY_TIMEOUT_SECONDS: '2',
    });
    children.push(child);
    url = await waitUntil(
      'the server to listen',
      () => {
        if (child.process.exitCode !== null) throw new Error(`the server exited:\n${child.tail()}`);
        return /listening on (http:\/\/\S+)/.exec(child.stdout())?.[1];
      },
      STARTUP_MS,
    );
    return child;
  }

  async function api(method: string, path: string, body?: unknown) {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'tcpa-delivery-kill-'));
    if (testDatabaseKind() === 'postgres') testDatabase = await createTestDatabase();
    receiver = await startHttpReceiver();
    const first = await start();
    const signup = await fetch(`${url}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ops@kill.test', password: 'correct horse battery', companyName: 'Kill Co' }),
    });
    token = ((await signup.json()) as { accessToken: string }).accessToken;
    // The operator's way to change a plan; with the embedded database the server must be stopped.
    await first.stop();
    await promisify(execFile)(
      process.execPath,
      [TCPA, 'admin', 'set-plan', '--company', 'Kill Co', '--plan', 'professional'],
      {
        env: { ...process.env, ...env() },
        timeout: 60_000,
      },
    );
    await start();
  }, STARTUP_MS * 3);

  afterAll(async () => {
    for (const child of children) await child.stop();
    await receiver?.close();
    await testDatabase?.dispose();
    if (parent) await rm(parent, { recursive: true, force: true });
  });

  it('sends it again after a restart, under the same id, and records it delivered', async () => {
    const created = await api('POST', '/api/v1/notification-channels', {
      kind: 'webhook',
      name: 'receiver',
      url: `${receiver.url}/hook`,
      eventTypes: ['agent.*'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const channelId: string = created.body.channel.id;
    receiver.respond({ hang: true });
    // Not awaited: the server dies before it answers.
    void fetch(`${url}/api/v1/notification-channels/${channelId}/test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    }).catch(() => undefined);
    const [inFlight] = await receiver.waitForRequests(1, 30_000);
    const server = children.at(-1);
    server?.process.kill('SIGKILL');
    await server?.exited;

    await start();
    const [, again] = await receiver.waitForRequests(2, 60_000);
    expect(again?.headers['webhook-id']).toBe(inFlight?.headers['webhook-id']);
    expect(JSON.parse(again?.body ?? '{}').type).toBe('webhook.test');
    const delivery = await waitUntil('the delivery to be recorded', async () => {
      const log = await api('GET', `/api/v1/notification-channels/${channelId}/deliveries`);
      const [first] = log.body.deliveries;
      return first?.status === 'delivered' && first;
    });
    // The attempt cut short by the kill is counted, though it has no line of its own.
    expect(delivery).toMatchObject({ id: inFlight?.headers['webhook-id'], attempts: 2 });
    expect(delivery.attemptLog).toEqual([expect.objectContaining({ attempt: 2, statusCode: 200 })]);
    expect(receiver.requests).toHaveLength(2);
  }, 120_000);
});
