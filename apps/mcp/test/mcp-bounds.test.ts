import { spawn } from 'node:child_process';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, connectHttp, connectStdio, ok, TCPA_BIN, textOf } from './support/mcp-clients.ts';
import { type Platform, startPlatform } from './support/platform-fixture.ts';

/** What an assistant cannot do, and how it is told. */
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.close();
});

async function newTransfer(client: Client) {
  return ok(client, 'create_transfer', {
    projectId: platform.projectA,
    sourceAgentId: platform.source.agentId,
    sourcePaths: ['logs/app.log'],
    destinationAgentId: platform.destination.agentId,
    destinationDir: 'archive',
  });
}

describe('scopes and projects of the key', () => {
  it('refuses a tool whose scope the key lacks, naming the scope', async () => {
    const client = await connectHttp(platform.server.url, platform.keys.readOnly);
    try {
      expect((await ok(client, 'list_projects')).projects).toHaveLength(2);
      const refused = await call(client, 'create_enrolment_token', { projectId: platform.projectA });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(/^Missing scope "agents:write": this API key cannot do that/);
      const cancel = await call(client, 'cancel_transfer', {
        projectId: platform.projectA,
        transferId: platform.failedTransferId,
        confirm: true,
      });
      expect(textOf(cancel)).toMatch(/Missing scope "transfers:write"/);
      const audit = await call(client, 'read_audit_log');
      expect(textOf(audit)).toMatch(/Missing scope "audit:read"/);
      // Reports still work, saying what they could not check.
      const report = await ok(client, 'fleet_health_report');
      expect(report.notes).toEqual([expect.stringMatching(/^Plan limits not checked: Missing scope "company:read"/)]);
    } finally {
      await client.close();
    }
  });

  it('keeps a key limited to one project out of the others', async () => {
    const client = await connectStdio(platform.server.url, platform.keys.onlyProjectA);
    try {
      const { projects } = await ok(client, 'list_projects');
      expect(projects.map((p: { name: string }) => p.name)).toEqual(['alpha']);
      const agents = await call(client, 'list_agents', { projectId: platform.projectB });
      expect(agents.isError).toBe(true);
      expect(textOf(agents)).toBe(
        'Project not found. It does not exist, or it is outside the projects this API key may see.',
      );
      const agent = await call(client, 'get_agent', {
        projectId: platform.projectB,
        agentId: platform.elsewhere.agentId,
      });
      expect(agent.isError).toBe(true);
      const report = await ok(client, 'fleet_health_report');
      expect(report.projects.map((p: { name: string }) => p.name)).toEqual(['alpha']);
      const { resources } = await client.listResources();
      expect(resources.map((r) => r.uri)).not.toContain(`tcpa://agents/${platform.elsewhere.agentId}`);
      await expect(client.readResource({ uri: `tcpa://agents/${platform.elsewhere.agentId}` })).rejects.toThrow(
        /no such agent in the projects this API key can see/,
      );
    } finally {
      await client.close();
    }
  });

  it('explains a plan limit and flags limits that are near', async () => {
    const client = await connectHttp(platform.server.url, platform.keys.full);
    try {
      await platform.server.sql(`update subscriptions set plan_id = 'starter' where company_id = $1`, [
        platform.companyId,
      ]);
      await platform.server.request('POST', '/api/v1/projects', { token: platform.owner, body: { name: 'charlie' } });
      const audit = await call(client, 'read_audit_log');
      expect(audit.isError).toBe(true);
      expect(textOf(audit)).toMatch(
        /^Plan limit: The Starter plan does not include the audit log: upgrade to Enterprise to use it/,
      );
      const { recommendations } = await ok(client, 'performance_recommendations');
      expect(recommendations).toContainEqual(
        expect.objectContaining({
          kind: 'plan_limit',
          severity: 'critical',
          evidence: ['3 of 3 projects used'],
        }),
      );
    } finally {
      await platform.server.sql(`update subscriptions set plan_id = 'enterprise' where company_id = $1`, [
        platform.companyId,
      ]);
      await client.close();
    }
  });
});

describe('bad input', () => {
  let client: Client;
  beforeAll(async () => {
    client = await connectHttp(platform.server.url, platform.keys.full);
  });
  afterAll(async () => {
    await client?.close();
  });

  it('answers with a tool error that says what is wrong, never a protocol error', async () => {
    const notAnId = await call(client, 'list_agents', { projectId: 'alpha' });
    expect(notAnId.isError).toBe(true);
    expect(textOf(notAnId)).toMatch(/must be an id \(UUID\)/);
    expect(textOf(notAnId)).toMatch(/projectId/);

    const unsafe = await call(client, 'create_transfer', {
      projectId: platform.projectA,
      sourceAgentId: platform.source.agentId,
      sourcePaths: ['../etc/passwd'],
      destinationAgentId: platform.destination.agentId,
      destinationDir: 'x',
    });
    expect(unsafe.isError).toBe(true);
    expect(textOf(unsafe)).toMatch(/must be a path relative to the agent roots/);
    const badPolicy = await call(client, 'create_transfer', {
      projectId: platform.projectA,
      sourceAgentId: platform.source.agentId,
      sourcePaths: ['logs'],
      destinationAgentId: platform.destination.agentId,
      destinationDir: 'x',
      symlinks: 'dereference',
    });
    expect(badPolicy.isError).toBe(true);
    expect(textOf(badPolicy)).toMatch(/symlinks must be one of "preserve", "follow" or "skip"/);

    const unknownField = await call(client, 'list_projects', { everything: true });
    expect(unknownField.isError).toBe(true);
    expect(textOf(unknownField)).toMatch(/everything/);

    // Checked by the API rather than the tool's schema: the API's words come through.
    const backwards = await call(client, 'summarize_agent_telemetry', {
      projectId: platform.projectA,
      agentId: platform.source.agentId,
      from: '2030-01-02T00:00:00Z',
      to: '2030-01-01T00:00:00Z',
    });
    expect(textOf(backwards)).toBe('Invalid input: "from" must be before "to"');
    const sameAgent = await call(client, 'create_transfer', {
      projectId: platform.projectA,
      sourceAgentId: platform.source.agentId,
      sourcePaths: ['a'],
      destinationAgentId: platform.source.agentId,
      destinationDir: 'b',
    });
    expect(textOf(sameAgent)).toBe('Invalid input: Source and destination must be different agents');
    const stillRunning = await call(client, 'retry_transfer', {
      projectId: platform.projectA,
      transferId: platform.slowTransferId,
    });
    expect(textOf(stillRunning)).toBe(
      'Not possible right now: Cannot retry a transfer that is succeeded: a succeeded transfer allows no action.',
    );
    expect((await ok(client, 'list_projects')).projects.length).toBeGreaterThan(0); // the session is fine
  });
});

describe('confirmation of destructive tools', () => {
  it('asks the person through elicitation when the client supports it', async () => {
    const asked: string[] = [];
    let answer: 'accept' | 'decline' = 'decline';
    const client = await connectHttp(platform.server.url, platform.keys.full, {
      elicit: (message) => {
        asked.push(message);
        return answer === 'accept' ? { action: 'accept', content: { confirm: true } } : { action: 'decline' };
      },
    });
    try {
      const transfer = await newTransfer(client);
      const ids = { projectId: platform.projectA, transferId: transfer.id };
      const declined = await call(client, 'cancel_transfer', ids);
      expect(declined.isError).toBe(true);
      expect(textOf(declined)).toBe('Not done: the person did not confirm (decline). Nothing was changed.');
      expect(asked[0]).toMatch(/^Cancel a transfer: logs\/app.log → archive \((queued|running), 0 B done\)\?/);
      expect(
        (await ok(client, 'list_transfers', { projectId: platform.projectA, state: 'canceled' })).transfers,
      ).toEqual([]);
      answer = 'accept';
      expect((await ok(client, 'cancel_transfer', ids)).state).toBe('canceled');
      expect(asked).toHaveLength(2);
    } finally {
      await client.close();
    }
  });

  it('requires confirm: true from a client that cannot ask', async () => {
    const client = await connectStdio(platform.server.url, platform.keys.full);
    try {
      const ids = { projectId: platform.projectA, agentId: platform.spare.agentId };
      const unconfirmed = await call(client, 'revoke_agent', ids);
      expect(unconfirmed.isError).toBe(true);
      expect(textOf(unconfirmed)).toMatch(
        /^Confirmation needed: Revoke agent "spare" .* call this tool again with "confirm": true\.$/,
      );
      expect((await ok(client, 'get_agent', ids)).agent.status).toBe('active');
      expect((await ok(client, 'revoke_agent', { ...ids, confirm: true })).status).toBe('revoked');
    } finally {
      await client.close();
    }
  });
});

describe('the /mcp endpoint', () => {
  const initialize = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } },
  };
  const post = (headers: Record<string, string>, body: unknown = initialize) =>
    fetch(`${platform.server.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify(body),
    });

  it('wants an API key, and binds a session to the key that opened it', async () => {
    const anonymous = await post({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await anonymous.json()) as any).error.message).toMatch(/Authorization: Bearer tcpa_/);
    const forged = await post({ authorization: `Bearer ${platform.keys.full.slice(0, -6)}AAAAAA` });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as any).error.message).toBe('API key is not valid');

    const opened = await post({ authorization: `Bearer ${platform.keys.full}` });
    expect(opened.status).toBe(200);
    const sessionId = opened.headers.get('mcp-session-id');
    expect(sessionId).toBeTruthy();
    await opened.body?.cancel();
    const hijack = await post(
      { authorization: `Bearer ${platform.keys.readOnly}`, 'mcp-session-id': sessionId as string },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    );
    expect(hijack.status).toBe(403);
    const unknown = await post(
      { authorization: `Bearer ${platform.keys.full}`, 'mcp-session-id': crypto.randomUUID() },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    );
    expect(unknown.status).toBe(404);
  });
});

describe('tcpa mcp', () => {
  const tcpa = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [TCPA_BIN, ...args], {
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      child.on('close', (code) => resolve({ code, stderr }));
    });

  it('says what is missing or refused, before any assistant connects', async () => {
    const noKey = await tcpa(['mcp', '--server', platform.server.url]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/^tcpa: give an API key with --api-key or TCPA_API_KEY/);
    const wrongKey = `${platform.keys.full.slice(0, -6)}AAAAAA`;
    const refused = await tcpa(['mcp', '--server', platform.server.url], { TCPA_API_KEY: wrongKey });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('tcpa: The API key was refused: API key is not valid.\n');
  });
});
