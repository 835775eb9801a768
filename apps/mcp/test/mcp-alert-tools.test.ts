import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, connectHttp, ok, textOf } from './support/mcp-clients.ts';
import { type Platform, startPlatform } from './support/platform-fixture.ts';

let platform: Platform;
let client: Client;
let readOnly: Client;
let alertId: string;
beforeAll(async () => {
  platform = await startPlatform();
  client = await connectHttp(platform.server.url, platform.keys.full);
  readOnly = await connectHttp(platform.server.url, platform.keys.readOnly);
  const [rule] = await platform.server.sql<{ id: string }>(
    `insert into alert_rules (company_id, project_id, name, condition, severity)
     select company_id, id, 'Agents offline', 'agent_offline', 'critical' from projects where id = $1 returning id`,
    [platform.projectA],
  );
  const [alert] = await platform.server.sql<{ id: string }>(
    `insert into alerts (company_id, project_id, rule_id, rule_name, condition, severity, subject_type, subject_id,
       subject_name, title)
     select company_id, project_id, id, name, condition, severity, 'agent', gen_random_uuid(), 'edge-7',
       'Agent "edge-7" has been offline for 5 minutes'
     from alert_rules where id = $1 returning id`,
    [rule?.id],
  );
  alertId = alert?.id ?? '';
});
afterAll(async () => {
  await client?.close();
  await readOnly?.close();
  await platform?.close();
});

describe('alert tools', () => {
  it('lists open alerts in words, and acknowledges one', async () => {
    const listed = await call(client, 'list_open_alerts', { projectId: platform.projectA });
    expect(textOf(listed)).toContain('1 open alert(s):');
    expect(textOf(listed)).toContain('[critical] Agent "edge-7" has been offline for 5 minutes');
    expect(textOf(listed)).toContain('not acknowledged');
    const acknowledged = await ok(client, 'acknowledge_alert', { projectId: platform.projectA, alertId });
    expect(acknowledged).toMatchObject({ id: alertId, state: 'open' });
    expect(acknowledged.acknowledgedAt).not.toBeNull();
    const again = await call(client, 'list_open_alerts', { projectId: platform.projectA });
    expect(textOf(again)).toMatch(/acknowledged \d{4}-/);
  });

  it('refuses to acknowledge with a key that may only read', async () => {
    const refused = await call(readOnly, 'acknowledge_alert', { projectId: platform.projectA, alertId });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/alerts:write/);
  });
});
