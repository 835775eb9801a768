import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, connectHttp, ok, textOf } from './support/mcp-clients.ts';
import { type Platform, startPlatform } from './support/platform-fixture.ts';

let platform: Platform;
let client: Client;
beforeAll(async () => {
  platform = await startPlatform();
  client = await connectHttp(platform.server.url, platform.keys.full);
});
afterAll(async () => {
  await client?.close();
  await platform?.close();
});

function jobBody(name: string, extra: Record<string, unknown> = {}) {
  return {
    projectId: platform.projectA,
    name,
    sourceAgentId: platform.source.agentId,
    sourcePaths: ['reports'],
    destinationAgentId: platform.destination.agentId,
    destinationDir: 'standby',
    ...extra,
  };
}

describe('job tools', () => {
  it('creates a job, reads it back and lists it, in words a person can check', async () => {
    const job = await ok(
      client,
      'create_job',
      jobBody('nightly reports', {
        schedules: [
          { kind: 'cron', cron: '0 2 * * *', timeZone: 'Europe/Berlin' },
          { kind: 'interval', everyMinutes: 90 },
        ],
        filters: { exclude: ['*.tmp'], changedSinceLastRun: true },
      }),
    );
    expect(job).toMatchObject({ name: 'nightly reports', mode: 'copy', enabled: true, overlap: 'skip' });
    expect(job.nextFireTimes).toHaveLength(5);
    const got = await call(client, 'get_job', { projectId: platform.projectA, jobId: job.id });
    expect(textOf(got)).toMatch(
      /"nightly reports": copy reports from agent .* to standby on agent .*; except "\*\.tmp"; only files changed since the last successful run; enabled; cron 0 2 \* \* \* \(Europe\/Berlin\), every 90 min; next /,
    );
    const { jobs } = await ok(client, 'list_jobs', { projectId: platform.projectA });
    expect(jobs.map((j: { id: string }) => j.id)).toContain(job.id);
  });

  it('runs a copy job at once, and a second run while the first goes on is skipped with the reason', async () => {
    const job = await ok(client, 'create_job', jobBody('copy now'));
    const ids = { projectId: platform.projectA, jobId: job.id };
    const first = await call(client, 'run_job', ids);
    expect(first.structuredContent).toMatchObject({ status: 'started', trigger: 'manual' });
    expect(textOf(first)).toMatch(/^Run of "copy now": .*: started \(manual\), transfer [0-9a-f-]{36}$/);
    const second = await ok(client, 'run_job', ids);
    expect(second).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/previous run is still going/) });
    const runs = await call(client, 'list_job_runs', ids);
    expect((runs.structuredContent as { runs: { status: string }[] }).runs.map((r) => r.status).sort()).toEqual([
      'skipped',
      'started',
    ]);
    expect(textOf(runs)).toMatch(/^2 run\(s\):\n- .*skipped \(the previous run is still going/);
  });

  it('asks before running a mirror or a move, saying what would be deleted, and runs nothing unconfirmed', async () => {
    for (const [mode, deleted] of [
      ['mirror', /Files in "standby" on agent .* that are not in reports on agent .* will be deleted\./],
      ['move', /Every file sent from reports on agent .* will be deleted there once verified at "standby"\./],
    ] as const) {
      const job = await ok(client, 'create_job', jobBody(`${mode} job`, { mode }));
      const ids = { projectId: platform.projectA, jobId: job.id };
      const refused = await call(client, 'run_job', ids);
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(new RegExp(`^Confirmation needed: Run job "${mode} job" \\(${mode}\\)\\? `));
      expect(textOf(refused)).toMatch(deleted);
      expect((await ok(client, 'list_job_runs', ids)).runs).toEqual([]);
      expect((await ok(client, 'run_job', { ...ids, confirm: true })).status).toMatch(/^(started|skipped)$/);
      expect((await ok(client, 'list_job_runs', ids)).runs).toHaveLength(1);
    }
  });

  it('deletes a job only once the person agrees through elicitation', async () => {
    const asked: string[] = [];
    let answer: 'accept' | 'decline' = 'decline';
    const asking = await connectHttp(platform.server.url, platform.keys.full, {
      elicit: (message) => {
        asked.push(message);
        return answer === 'accept' ? { action: 'accept', content: { confirm: true } } : { action: 'decline' };
      },
    });
    try {
      const job = await ok(
        asking,
        'create_job',
        jobBody('to delete', { schedules: [{ kind: 'interval', everyMinutes: 60 }] }),
      );
      const ids = { projectId: platform.projectA, jobId: job.id };
      const declined = await call(asking, 'delete_job', ids);
      expect(textOf(declined)).toBe('Not done: the person did not confirm (decline). Nothing was changed.');
      expect(asked).toEqual(['Delete job "to delete" (copy, 1 schedule)? This cannot be undone.']);
      expect((await ok(asking, 'get_job', ids)).name).toBe('to delete');
      answer = 'accept';
      expect(await ok(asking, 'delete_job', ids)).toEqual({ deleted: true, jobId: job.id });
      const gone = await call(asking, 'get_job', ids);
      expect(textOf(gone)).toMatch(/^Job not found\. It does not exist, or it is outside the projects/);
    } finally {
      await asking.close();
    }
  });

  it('names the scope a key lacks, and keeps a one-project key out of other projects', async () => {
    const readOnly = await connectHttp(platform.server.url, platform.keys.readOnly);
    try {
      const refused = await call(readOnly, 'list_jobs', { projectId: platform.projectA });
      expect(textOf(refused)).toMatch(/^Missing scope "jobs:read": this API key cannot do that/);
    } finally {
      await readOnly.close();
    }
    const alphaOnly = await connectHttp(platform.server.url, platform.keys.onlyProjectA);
    try {
      const outside = await call(alphaOnly, 'list_jobs', { projectId: platform.projectB });
      expect(textOf(outside)).toMatch(/^Project not found\./);
    } finally {
      await alphaOnly.close();
    }
  });
});
