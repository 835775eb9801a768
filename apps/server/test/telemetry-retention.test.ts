import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enforceTelemetryRetentionAsService,
  ensureTelemetryPartitionsAsService,
} from '../src/jobs/telemetry-retention.ts';
import { createTestServer, type TestServer } from './test-server.ts';

describe('telemetry partitions and retention', () => {
  let server: TestServer;
  const companies: Record<string, string> = {};

  async function seedCompany(planId: string) {
    const [company] = await server.sql<{ id: string }>(`insert into companies (name) values ($1) returning id`, [
      planId,
    ]);
    const companyId = company?.id as string;
    await server.sql(`insert into subscriptions (company_id, plan_id) values ($1, $2)`, [companyId, planId]);
    const [project] = await server.sql<{ id: string }>(
      `insert into projects (company_id, name) values ($1, 'p') returning id`,
      [companyId],
    );
    companies[planId] = companyId;
    return { companyId, projectId: project?.id as string };
  }

  async function insertSample(companyId: string, projectId: string, daysAgo: number) {
    await server.sql(
      `insert into telemetry (agent_id, company_id, project_id, seq, ts, cpu_pct)
       values ($1, $2, $3, 1, now() - make_interval(days => $4), 1)`,
      [randomUUID(), companyId, projectId, daysAgo],
    );
  }

  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server?.close());

  it('makes daily partitions ahead of time, once', async () => {
    await ensureTelemetryPartitionsAsService(server.deps.database, 5);
    const again = await ensureTelemetryPartitionsAsService(server.deps.database, 5);
    expect(again).toBe(0);
    const partitions = await server.sql<{ name: string }>(
      `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
       where i.inhparent = 'telemetry'::regclass and c.relname like 'telemetry_p%'`,
    );
    const today = new Date().toISOString().slice(0, 10).replaceAll('-', '');
    expect(partitions.map((p) => p.name)).toContain(`telemetry_p${today}`);
    expect(partitions.length).toBeGreaterThanOrEqual(7);
  });

  it("keeps each plan's retention, dropping whole old partitions", async () => {
    const free = await seedCompany('free'); // 7 days
    const starter = await seedCompany('starter'); // 30 days
    // An old partition, wholly before every company's retention (the longest in use is 30 days).
    await server.sql(
      `create table telemetry_p20000101 partition of telemetry for values from ('2000-01-01') to ('2000-01-02')`,
    );
    await server.sql(
      `insert into telemetry (agent_id, company_id, project_id, seq, ts) values ($1, $2, $3, 1, '2000-01-01T12:00:00Z')`,
      [randomUUID(), free.companyId, free.projectId],
    );
    for (const [target, days] of [
      [free, 1],
      [free, 10],
      [starter, 10],
      [starter, 40],
    ] as const) {
      await insertSample(target.companyId, target.projectId, days);
    }
    const result = await enforceTelemetryRetentionAsService(server.deps.database);
    expect(result.droppedPartitions).toEqual(['telemetry_p20000101']);
    expect(result.deletedRows).toBe(2); // free's 10-day-old sample, starter's 40-day-old one
    const left = await server.sql<{ company_id: string; days: number }>(
      `select company_id, round(extract(epoch from now() - ts) / 86400)::int as days from telemetry order by 1, 2`,
    );
    expect(left.map((row) => `${row.company_id === companies.free ? 'free' : 'starter'}:${row.days}`).sort()).toEqual([
      'free:1',
      'starter:10',
    ]);
  });
});
