import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestAgent } from '../../server/test/live-server.ts';
import { call, connect, ok, type TransportKind, textOf } from './support/mcp-clients.ts';
import { type Platform, startPlatform } from './support/platform-fixture.ts';

const TOOLS = [
  'list_projects',
  'get_plan_usage',
  'read_audit_log',
  'list_agents',
  'get_agent',
  'summarize_agent_telemetry',
  'create_enrolment_token',
  'approve_agent',
  'revoke_agent',
  'list_transfers',
  'get_transfer',
  'create_transfer',
  'cancel_transfer',
  'pause_transfer',
  'resume_transfer',
  'retry_transfer',
  'list_jobs',
  'get_job',
  'create_job',
  'run_job',
  'list_job_runs',
  'preview_job',
  'delete_job',
  'list_storage_locations',
  'list_open_alerts',
  'acknowledge_alert',
  'fleet_health_report',
  'performance_recommendations',
];

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.close();
});

describe.each<TransportKind>(['http', 'stdio'])('over %s, with a full-scope key', (kind) => {
  let client: Client;
  beforeAll(async () => {
    client = await connect(kind, platform.server.url, platform.keys.full);
  });
  afterAll(async () => {
    await client?.close();
  });

  it('lists every tool with input and output schemas and honest annotations', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOLS].sort());
    for (const tool of tools) {
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
      expect(tool.description, tool.name).toMatch(/Needs API key scope "/);
    }
    const byName = new Map(tools.map((tool) => [tool.name, tool.annotations]));
    expect(byName.get('list_agents')).toMatchObject({ readOnlyHint: true, idempotentHint: true });
    expect(byName.get('cancel_transfer')).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.get('revoke_agent')).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.get('create_transfer')).toMatchObject({ readOnlyHint: false, destructiveHint: false });
  });

  it('reads projects, plan, audit log, agents and their telemetry', async () => {
    const { projects } = await ok(client, 'list_projects');
    expect(projects.map((p: { name: string }) => p.name).sort()).toEqual(['alpha', 'bravo']);
    const plan = await ok(client, 'get_plan_usage');
    expect(plan).toMatchObject({ plan: { id: 'enterprise' }, usage: { projects: 2 }, managedBy: 'operator' });
    // Features in words, as people read them; never the identifiers.
    const planText = textOf(await call(client, 'get_plan_usage'));
    expect(planText).toContain('Single sign-on');
    expect(planText).not.toContain('email_alerts');
    expect(planText).toMatch(/set by the server's operator\.$/);

    const { agents } = await ok(client, 'list_agents', { projectId: platform.projectA, status: 'active' });
    expect(agents.map((a: { name: string }) => a.name).sort()).toEqual(['destination', 'source', 'spare']);
    const online = await ok(client, 'list_agents', { projectId: platform.projectA, online: true });
    expect(online.agents.map((a: { name: string }) => a.name).sort()).toEqual(['destination', 'source']);

    const agent = await call(client, 'get_agent', { projectId: platform.projectA, agentId: platform.source.agentId });
    expect(agent.structuredContent).toMatchObject({
      agent: { name: 'source', status: 'active', online: true },
      lastTelemetry: { cpuPct: 95, diskFreeBytes: 100 * 1024 * 1024 },
    });
    expect(textOf(agent)).toMatch(/source .*active, online/);
    expect(textOf(agent)).toMatch(/CPU 95%, .*disk free 100 MiB/);

    const summary = await ok(client, 'summarize_agent_telemetry', {
      projectId: platform.projectA,
      agentId: platform.source.agentId,
    });
    expect(summary).toMatchObject({ resolution: 'raw', samples: 20, cpuPct: { avg: 95 }, rttMs: { avg: 40 } });

    const audit = await ok(client, 'read_audit_log', { limit: 50, action: 'transfer.created' });
    expect(audit.entries.map((entry: { targetId: string }) => entry.targetId)).toEqual(
      expect.arrayContaining([platform.slowTransferId, platform.failedTransferId]),
    );
    expect(audit.entries[0]).toMatchObject({ action: 'transfer.created', targetType: 'transfer' });
  });

  it('enrols, approves and revokes an agent', async () => {
    const created = await ok(client, 'create_enrolment_token', { projectId: platform.projectA, name: `via ${kind}` });
    expect(created.installCommand).toContain(created.secret);
    // Without a root the command holds a placeholder, and the assistant is told to replace it.
    expect(created.installCommand).toMatch(/ --root \/path\/to\/transfer-folder$/);
    const withRoot = await call(client, 'create_enrolment_token', {
      projectId: platform.projectA,
      name: `rooted via ${kind}`,
      root: '/srv/shared',
    });
    expect(withRoot.structuredContent?.installCommand).toMatch(/ --root \/srv\/shared$/);
    expect(textOf(withRoot)).not.toContain('Replace /path/to/transfer-folder');
    const placeholderText = textOf(
      await call(client, 'create_enrolment_token', { projectId: platform.projectA, name: `bare via ${kind}` }),
    );
    expect(placeholderText).toContain('Replace /path/to/transfer-folder with the folder on that machine');
    const newcomer = await TestAgent.create();
    expect((await newcomer.enrol(platform.server, created.secret, `new-${kind}`)).status).toBe(201);
    const pending = await ok(client, 'list_agents', { projectId: platform.projectA, status: 'pending' });
    expect(pending.agents.map((a: { id: string }) => a.id)).toEqual([newcomer.agentId]);

    const approved = await ok(client, 'approve_agent', { projectId: platform.projectA, agentId: newcomer.agentId });
    expect(approved.status).toBe('active');
    const revoked = await ok(client, 'revoke_agent', {
      projectId: platform.projectA,
      agentId: newcomer.agentId,
      confirm: true,
    });
    expect(revoked.status).toBe('revoked');
  });

  it('creates, pauses, resumes, cancels and retries a transfer, and reads it back', async () => {
    const ids = { projectId: platform.projectA };
    const transfer = await ok(client, 'create_transfer', {
      ...ids,
      sourceAgentId: platform.source.agentId,
      sourcePaths: ['reports/q3.csv'],
      destinationAgentId: platform.destination.agentId,
      destinationDir: 'inbox',
      symlinks: 'follow',
      filters: { exclude: ['*.tmp', 'cache/'], minSizeBytes: 1024, skipHidden: true },
    });
    expect(transfer).toMatchObject({ sourcePaths: ['reports/q3.csv'], destinationDir: 'inbox', symlinks: 'follow' });
    expect(transfer.filters).toEqual({ exclude: ['*.tmp', 'cache/'], minSizeBytes: 1024, skipHidden: true });
    const transferId = transfer.id;
    const created = await call(client, 'get_transfer', { ...ids, transferId });
    expect(textOf(created)).toContain('; except "*.tmp", "cache/"; 1 KiB or more; hidden names skipped;');
    expect((await ok(client, 'pause_transfer', { ...ids, transferId })).state).toBe('paused');
    expect((await ok(client, 'resume_transfer', { ...ids, transferId })).state).toBe('queued');
    const canceled = await ok(client, 'cancel_transfer', { ...ids, transferId, confirm: true });
    expect(canceled.state).toBe('canceled');
    expect((await ok(client, 'retry_transfer', { ...ids, transferId })).state).toBe('queued');
    await ok(client, 'cancel_transfer', { ...ids, transferId, confirm: true });

    const detail = await call(client, 'get_transfer', { ...ids, transferId: platform.slowTransferId });
    expect(detail.structuredContent).toMatchObject({
      transfer: { state: 'succeeded' },
      files: [{ path: 'data/set.bin', status: 'done' }],
    });
    expect(textOf(detail)).toMatch(/succeeded.*10 MiB of 10 MiB/);
    const failed = await ok(client, 'list_transfers', { ...ids, state: 'failed' });
    expect(failed.transfers.map((t: { id: string }) => t.id)).toEqual([platform.failedTransferId]);
  });

  it('reports fleet health and recommends actions from real telemetry and transfers', async () => {
    const health = await call(client, 'fleet_health_report');
    const report = health.structuredContent as any;
    expect(report.status).toBe('critical');
    const alpha = report.projects.find((p: { name: string }) => p.name === 'alpha');
    expect(alpha.agents).toMatchObject({ online: 2, offline: 1 });
    expect(alpha.transfers).toMatchObject({ succeededLast24h: 1, failedLast24h: 1 });
    expect(textOf(health)).toMatch(/Fleet critical/);

    const { recommendations } = await ok(client, 'performance_recommendations', { projectId: platform.projectA });
    const find = (kind: string, subject: RegExp) =>
      recommendations.find((r: any) => r.kind === kind && subject.test(r.subject));
    expect(find('offline_agent', /spare/)).toMatchObject({ severity: 'warning' });
    expect(find('failing_transfers', /1 failed/)).toMatchObject({
      evidence: expect.arrayContaining(['reason: disk full on the destination']),
      suggestedAction: expect.stringMatching(/Free space on the destination/),
    });
    expect(find('slow_path', /source → destination/).evidence[0]).toMatch(/median 4\.2 Mbit\/s/);
    expect(find('lossy_path', /source → destination/).evidence).toContain('10% of the bytes sent had to be sent again');
    const disk = recommendations.find((r: any) => r.kind === 'resource_pressure' && /disk free/.test(r.evidence[0]));
    expect(disk).toMatchObject({ severity: 'critical', subject: expect.stringMatching(/source/) });
    expect(
      recommendations.some((r: any) => r.kind === 'resource_pressure' && /CPU averaged 95%/.test(r.evidence[0])),
    ).toBe(true);
    expect(recommendations.every((r: any) => r.projectId === platform.projectA || r.projectId === null)).toBe(true);
  });

  it('serves agents and transfers as resources, and the two prompts', async () => {
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual([
      'tcpa://agents/{agentId}',
      'tcpa://transfers/{transferId}',
    ]);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain(`tcpa://agents/${platform.elsewhere.agentId}`);
    expect(resources.map((r) => r.uri)).toContain(`tcpa://transfers/${platform.failedTransferId}`);
    const agent = await client.readResource({ uri: `tcpa://agents/${platform.elsewhere.agentId}` });
    expect(JSON.parse((agent.contents[0] as { text: string }).text)).toMatchObject({ name: 'elsewhere' });
    const transfer = await client.readResource({ uri: `tcpa://transfers/${platform.failedTransferId}` });
    expect(JSON.parse((transfer.contents[0] as { text: string }).text).transfer.stateReason).toBe(
      'disk full on the destination',
    );

    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['daily_fleet_report', 'diagnose_slow_transfer']);
    const diagnose = await client.getPrompt({
      name: 'diagnose_slow_transfer',
      arguments: { projectId: platform.projectA, transferId: platform.slowTransferId },
    });
    expect(JSON.stringify(diagnose.messages)).toContain(platform.slowTransferId);
    const daily = await client.getPrompt({ name: 'daily_fleet_report', arguments: {} });
    expect(JSON.stringify(daily.messages)).toMatch(/fleet_health_report/);
  });
});
