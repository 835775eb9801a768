import { randomUUID } from 'node:crypto';
import {
  AGENT_ASSERTION_AUDIENCE,
  AGENT_COMMAND_NAMES,
  AGENT_PROTOCOL_VERSION,
  CloseCode,
  type CommandId,
  commandMessage,
} from '@tcpa/contracts';
import { decodeJwt, importJWK, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuthHeaderFactory } from '../src/auth/agent-assertion.ts';
import { createAgentKeyPair } from '../src/auth/key-pair.ts';
import { type ChannelCloseEvent, ControlChannel, type ServerMessage } from '../src/control/control-channel.ts';
import { createLog } from '../src/log.ts';
import { startTestWsServer, type TestWsServer } from './support/ws-server.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(options: Parameters<typeof startTestWsServer>[0] = {}): Promise<TestWsServer> {
  const server = await startTestWsServer(options);
  cleanups.push(() => server.close());
  return server;
}

async function openChannel(url: string, overrides: Partial<ConstructorParameters<typeof ControlChannel>[0]> = {}) {
  const agentId = randomUUID();
  const keys = await createAgentKeyPair();
  const received: ServerMessage[] = [];
  const closes: ChannelCloseEvent[] = [];
  const logLines: string[] = [];
  let opens = 0;
  const channel = new ControlChannel({
    url,
    createAuthHeader: await createAuthHeaderFactory({ agentId, privateKeyJwk: keys.privateKeyJwk }),
    onMessage: (message) => received.push(message),
    onOpen: () => opens++,
    onClose: (event) => closes.push(event),
    log: createLog({ write: (line) => logLines.push(line) }),
    backoff: { baseMs: 10, capMs: 50 },
    ...overrides,
  });
  cleanups.push(() => channel.stop());
  channel.start();
  return { channel, agentId, keys, received, closes, logLines, opens: () => opens };
}

const until = async (condition: () => boolean, timeoutMs = 5_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

function bearer(connection: { request: { headers: Record<string, string | string[] | undefined> } }): string {
  const header = connection.request.headers.authorization;
  expect(typeof header).toBe('string');
  expect(header).toMatch(/^Bearer /);
  return String(header).slice('Bearer '.length);
}

describe('ControlChannel', () => {
  it('authenticates the upgrade with a fresh assertion the server can verify with the public key', async () => {
    const server = await serve();
    const { agentId, keys } = await openChannel(server.url);
    const connection = await server.connection(0);
    const assertion = bearer(connection);

    const { payload, protectedHeader } = await jwtVerify(assertion, await importJWK(keys.publicKeyJwk, 'EdDSA'), {
      audience: AGENT_ASSERTION_AUDIENCE,
      issuer: agentId,
      subject: agentId,
      typ: 'agent+jwt',
      algorithms: ['EdDSA'],
    });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', typ: 'agent+jwt' });
    expect(payload.exp).toBe((payload.iat ?? 0) + 60);
    expect(Math.abs((payload.iat ?? 0) - Date.now() / 1000)).toBeLessThan(5);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.proto).toBe(AGENT_PROTOCOL_VERSION);
    const otherKey = await createAgentKeyPair();
    await expect(jwtVerify(assertion, await importJWK(otherKey.publicKeyJwk, 'EdDSA'))).rejects.toThrow();
  });

  it('delivers valid server messages, ignores invalid ones and answers pings with pongs', async () => {
    const server = await serve();
    const { received, logLines } = await openChannel(server.url);
    const connection = await server.connection(0);
    const agentId = randomUUID();
    connection.socket.send('not json');
    connection.socket.send(JSON.stringify({ type: 'hello', agentId, status: 'active' })); // no config
    connection.socket.send(JSON.stringify({ type: 'ping', id: 7 }));
    const hello = { type: 'hello', agentId, status: 'active', config: { telemetryIntervalMs: 1000, planId: 'free' } };
    connection.socket.send(JSON.stringify(hello));

    expect(await server.message(connection, (message) => message.type === 'pong')).toEqual({ type: 'pong', id: 7 });
    await until(() => received.length === 1);
    expect(received).toEqual([hello]);
    expect(logLines.filter((line) => line.includes('ignored'))).toHaveLength(2);
  });

  it('delivers commands the shared contract accepts and answers the others with a failed result', async () => {
    const server = await serve();
    const { received, logLines } = await openChannel(server.url);
    const connection = await server.connection(0);
    const check = commandMessage({ name: 'transfer.check', args: { transferId: randomUUID(), attempt: 2 } });
    connection.socket.send(JSON.stringify(check));
    await until(() => received.length === 1);
    expect(received).toEqual([check]);

    const unknownId = { name: 'transfer.teleport', transferId: randomUUID() };
    connection.socket.send(
      JSON.stringify({ type: 'command', commandId: unknownId, name: 'transfer.teleport', args: {} }),
    );
    expect(await server.message(connection, (message) => message.type === 'command_result')).toEqual({
      type: 'command_result',
      commandId: unknownId,
      ok: false,
      error: `unknown command "transfer.teleport": this agent runs ${AGENT_COMMAND_NAMES.join(', ')}`,
    });
    const transferId = randomUUID();
    const pause = commandMessage({ name: 'transfer.pause', args: { transferId, attempt: 1 } });
    connection.socket.send(JSON.stringify({ ...pause, args: { transferId, attempt: -1 } }));
    const refused = await server.message(
      connection,
      (message) => message.type === 'command_result' && (message.commandId as CommandId).name === 'transfer.pause',
    );
    expect(refused).toMatchObject({ commandId: pause.commandId, ok: false });
    expect(refused.error).toMatch(/^bad arguments for transfer.pause: args.attempt: /);
    // An old-style string id cannot be answered: it is only logged.
    connection.socket.send(
      JSON.stringify({ type: 'command', commandId: 'transfer.pause:x:1', name: 'transfer.pause' }),
    );
    await until(() => logLines.some((line) => line.includes('ignored an invalid message')));
    expect(received).toHaveLength(1);
  });

  it('sends only what the contract lets an agent send', async () => {
    const server = await serve();
    const { channel, logLines } = await openChannel(server.url);
    await server.connection(0);
    await until(() => channel.connected);
    // @ts-expect-error: a misspelt message type does not compile
    expect(channel.send({ type: 'telemetri', samples: [] })).toBe(false);
    // @ts-expect-error: a command id is structured, no longer a string to split
    expect(channel.send({ type: 'command_result', commandId: 'transfer.start:x:1', ok: false })).toBe(false);
    expect(logLines.filter((line) => line.includes('not sending an invalid'))).toHaveLength(2);
  });

  it('pings the server and measures the round trip from the matching pong', async () => {
    const server = await serve({
      onConnection: (connection) =>
        connection.socket.on('message', (data) => {
          const message = JSON.parse(data.toString());
          if (message.type === 'ping') connection.socket.send(JSON.stringify({ type: 'pong', id: message.id }));
        }),
    });
    const { channel } = await openChannel(server.url, { pingIntervalMs: 30 });
    const connection = await server.connection(0);
    await server.message(connection, (message) => message.type === 'ping' && message.id === 1);
    await until(() => channel.rttMs !== null);
    expect(channel.rttMs).toBeGreaterThanOrEqual(0);
    expect(channel.rttMs).toBeLessThan(1_000);
  });

  it('reconnects with a new assertion after the server drops the connection', async () => {
    const server = await serve();
    const { closes, opens } = await openChannel(server.url);
    const first = await server.connection(0);
    first.socket.terminate();
    const second = await server.connection(1);
    expect(decodeJwt(bearer(second)).jti).not.toBe(decodeJwt(bearer(first)).jti);
    await until(() => opens() === 2);
    expect(closes[0]).toMatchObject({ code: 1006, wasConnected: true, final: false });
    expect(closes[0]?.reconnectInMs).toBeLessThanOrEqual(10);
  });

  it('retries while the server refuses the upgrade, then connects', async () => {
    let refusals = 0;
    const server = await serve({
      refuseWith: () => (++refusals <= 3 ? { status: 503, message: 'Service Unavailable' } : null),
    });
    const { closes, logLines, opens } = await openChannel(server.url);
    await server.connection(0);
    await until(() => opens() === 1);
    expect(closes.map((close) => [close.code, close.wasConnected, close.final])).toEqual([
      [1006, false, false],
      [1006, false, false],
      [1006, false, false],
    ]);
    expect(closes[0]?.reason).toBe('HTTP 503: Service Unavailable');
    expect(logLines.filter((line) => line.includes('cannot connect') && line.includes('HTTP 503'))).toHaveLength(3);
  });

  it('retries while nothing listens, naming the network error', async () => {
    const server = await serve();
    const url = server.url;
    await cleanups.splice(0)[0]?.();
    const { closes, logLines } = await openChannel(url);
    await until(() => closes.length >= 2);
    expect(closes[0]).toMatchObject({ code: 1006, wasConnected: false, final: false });
    expect(closes[0]?.reason).toContain('ECONNREFUSED');
    expect(logLines[0]).toContain(`cannot connect to ${url}: connect ECONNREFUSED`);
  });

  it('drops a connection on which the server has been silent too long, and reconnects', async () => {
    const server = await serve();
    const { logLines } = await openChannel(server.url, { idleTimeoutMs: 150, pingIntervalMs: 10_000 });
    const first = await server.connection(0);
    await server.connection(1);
    expect((await first.closed).code).toBe(1006);
    expect(logLines.some((line) => line.includes('no message from the server'))).toBe(true);
  });

  it('stops for good when the server closes with 4410 (revoked)', async () => {
    const server = await serve({
      onConnection: (connection) => connection.socket.close(CloseCode.revoked, 'agent revoked'),
    });
    const { closes, channel } = await openChannel(server.url);
    await until(() => closes.length === 1);
    expect(closes[0]).toEqual({
      code: 4410,
      reason: 'agent revoked',
      wasConnected: true,
      final: true,
      reconnectInMs: null,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.connections).toHaveLength(1);
    expect(channel.connected).toBe(false);
  });

  it('says how to upgrade when the server speaks another protocol (4426), and keeps trying', async () => {
    const server = await serve({
      onConnection: (connection) =>
        connection.socket.close(CloseCode.upgradeRequired, "agent protocol 2, server 3: install this server's agent"),
    });
    const { closes, logLines } = await openChannel(server.url);
    await until(() => closes.length >= 2);
    expect(closes[0]).toMatchObject({ code: 4426, final: false });
    const advice = logLines.find((line) => line.includes('another protocol'));
    expect(advice).toContain("(agent protocol 2, server 3: install this server's agent)");
    expect(advice).toContain(new URL('/agent/tcpa-agent.mjs', server.url.replace('ws:', 'http:')).href);
  });

  it('stops for good when the upgrade is refused with HTTP 403, but retries after 401', async () => {
    let status = 401;
    const server = await serve({ refuseWith: () => ({ status, message: 'nope' }) });
    const { closes } = await openChannel(server.url);
    await until(() => closes.length >= 2);
    expect(closes[0]).toMatchObject({ code: 4401, reason: 'HTTP 401: nope', wasConnected: false, final: false });
    status = 403;
    await until(() => closes.some((close) => close.final));
    const count = closes.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(closes).toHaveLength(count);
    expect(closes.at(-1)).toMatchObject({ code: 4403, final: true, reconnectInMs: null });
  });

  it('closes with code 1000 when stopped', async () => {
    const server = await serve();
    const { channel, opens } = await openChannel(server.url);
    const connection = await server.connection(0);
    await until(() => opens() === 1);
    expect(channel.send({ type: 'ping', id: 1 })).toBe(true);
    await channel.stop();
    expect((await connection.closed).code).toBe(1000);
    expect(channel.send({ type: 'ping', id: 2 })).toBe(false);
  });
});
