import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, signUpWithProject, startLiveServer } from '../../server/test/live-server.ts';

/**
 * One API key, or one company, cannot fill the node's table of MCP sessions: past its share, a
 * new session evicts that key's (or company's) least recently used one, which then gets 404 as
 * the MCP spec says of an expired session. The node's own limit evicts too, never refuses.
 */
describe('MCP sessions per key, per company and per node', () => {
  let server: LiveServer;
  const keys = {} as Record<'a1' | 'a2' | 'b1' | 'c1', string>;
  const initialize = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } },
  };

  beforeAll(async () => {
    server = await startLiveServer({
      MCP_MAX_SESSIONS_PER_KEY: '2',
      MCP_MAX_SESSIONS_PER_COMPANY: '3',
      MCP_MAX_SESSIONS: '5',
    });
    const newKey = async (token: string) =>
      (
        await server.request('POST', '/api/v1/api-keys', {
          token,
          body: { name: 'assistant', scopes: ['projects:read'] },
        })
      ).body.secret as string;
    const a = await signUpWithProject(server, 'mcp-a');
    const b = await signUpWithProject(server, 'mcp-b');
    const c = await signUpWithProject(server, 'mcp-c');
    Object.assign(keys, {
      a1: await newKey(a.token),
      a2: await newKey(a.token),
      b1: await newKey(b.token),
      c1: await newKey(c.token),
    });
  });
  afterAll(() => server?.close());

  const post = (key: string, body: unknown, sessionId?: string) =>
    fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...(sessionId ? { 'mcp-session-id': sessionId } : {}),
      },
      body: JSON.stringify(body),
    });

  async function open(key: string) {
    const response = await post(key, initialize);
    expect(response.status).toBe(200);
    await response.text();
    return response.headers.get('mcp-session-id') as string;
  }

  /** A request in the session: 200, or 404 once the session is gone. */
  async function ping(key: string, sessionId: string) {
    const response = await post(key, { jsonrpc: '2.0', id: 2, method: 'ping' }, sessionId);
    const text = await response.text();
    return { status: response.status, text };
  }

  const sessions: Record<string, { key: string; id: string }> = {};
  const statusOf = async (name: string) => {
    const session = sessions[name];
    if (!session) throw new Error(`no session ${name}`);
    return (await ping(session.key, session.id)).status;
  };
  const openAs = async (name: string, key: string) => {
    sessions[name] = { key, id: await open(key) };
  };

  it("evicts the key's least recently used session, closing its stream, and leaves other keys alone", async () => {
    await openAs('s1', keys.a1);
    await openAs('s2', keys.a1);
    const stream = await fetch(`${server.url}/mcp`, {
      headers: {
        authorization: `Bearer ${keys.a1}`,
        accept: 'text/event-stream',
        'mcp-session-id': sessions.s2?.id ?? '',
      },
    });
    expect(stream.status).toBe(200);
    expect(await statusOf('s1')).toBe(200); // s1 is now used more recently than s2

    await openAs('s3', keys.a1);
    const evicted = await ping(keys.a1, sessions.s2?.id ?? '');
    expect(evicted.status).toBe(404);
    expect(JSON.parse(evicted.text).error.message).toBe('Unknown or expired MCP session: initialize a new one');
    expect((await stream.body?.getReader().read())?.done).toBe(true);
    expect(await statusOf('s1')).toBe(200);
    expect(await statusOf('s3')).toBe(200);

    await openAs('u1', keys.b1);
    expect(await statusOf('u1')).toBe(200);
  });

  it("evicts the company's least recently used session when its keys together reach the company's limit", async () => {
    await openAs('t1', keys.a2); // company A: s1, s3, t1
    await openAs('t2', keys.a2); // s1 was used least recently
    expect(await statusOf('s1')).toBe(404);
    expect(await statusOf('t2')).toBe(200);
    expect(await statusOf('s3')).toBe(200);
    expect(await statusOf('u1')).toBe(200);
  });

  it("evicts the node's least recently used session at the node's limit instead of refusing", async () => {
    await openAs('v1', keys.c1); // the node holds 5: s3, t1, t2, u1, v1; t1 was used least recently
    await openAs('v2', keys.c1);
    expect(await statusOf('t1')).toBe(404);
    for (const name of ['t2', 's3', 'u1', 'v1', 'v2']) expect(await statusOf(name), name).toBe(200);
    // Another key keeps getting sessions: the oldest go, no 503.
    for (let i = 0; i < 6; i++) await openAs(`w${i}`, keys.b1);
    expect(await statusOf('w5')).toBe(200);
  });
});
