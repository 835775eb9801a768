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

const files = (count: number, bytes: number, paths: string[]) => ({
  count,
  bytes,
  paths: paths.map((path) => ({ path, size: Math.round(bytes / Math.max(1, paths.length)) })),
  truncated: false,
});

const answeredPreviews = new Set<string>();

/** The source agent (a test peer speaking the protocol) answers the next transfer.preview with a plan. */
async function answerPreview() {
  const source = platform.sockets[0];
  if (!source) throw new Error('no source socket');
  // waitFor looks at every message the peer got, earlier ones too: answer each preview once.
  const command = await source.waitFor(
    (m) => m.type === 'command' && m.name === 'transfer.preview' && !answeredPreviews.has(m.args.requestId),
    10_000,
  );
  answeredPreviews.add(command.args.requestId);
  const plan = {
    send: files(1, 2048, ['reports/new.csv']),
    unchanged: files(3, 3072, ['reports/a.csv', 'reports/b.csv', 'reports/c.csv']),
    deleteAtDestination: files(2, 1024, ['reports/old-0.csv', 'reports/old-1.csv']),
    deleteAtSource: files(4, 5120, ['reports/new.csv', 'reports/a.csv', 'reports/b.csv', 'reports/c.csv']),
    skippedSources: [],
  };
  source.send({ type: 'command_result', commandId: command.commandId, ok: true, result: plan });
  return command;
}

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
      /"nightly reports": copy reports on agent .* to "standby" on agent .*; except "\*\.tmp"; only files changed since the last successful run; enabled; .*; next /,
    );
    expect(textOf(got)).toContain('cron 0 2 * * * (Europe/Berlin)');
    expect(textOf(got)).toContain('every 90 min');
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

  it('asks before running a mirror or a move, with the counts of a preview, and runs nothing unconfirmed', async () => {
    for (const [mode, deleted] of [
      [
        'mirror',
        /Files in "standby" on agent .* that are not in reports on agent .* will be deleted\. Preview \(mirror\): would send 1 file\(s\) \(2 KiB\); 3 file\(s\) \(3 KiB\) already there; would delete 2 file\(s\) \(1 KiB\) at the destination\.\nDeleted at the destination: 2 file\(s\) \(1 KiB\):\n {2}- reports\/old-0\.csv\n {2}- reports\/old-1\.csv/,
      ],
      [
        'move',
        /Every file sent from reports on agent .* will be deleted there once verified at "standby" on agent .*\. Preview \(move\): would send 1 file\(s\) \(2 KiB\); 3 file\(s\) \(3 KiB\) already there; would delete 4 file\(s\) \(5 KiB\) at the source once verified\./,
      ],
    ] as const) {
      const job = await ok(client, 'create_job', jobBody(`${mode} job`, { mode }));
      const ids = { projectId: platform.projectA, jobId: job.id };
      const answered = answerPreview();
      const refused = await call(client, 'run_job', ids);
      expect((await answered).args).toMatchObject({ mode, sourcePaths: ['reports'] });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(new RegExp(`^Confirmation needed: Run job "${mode} job" \\(${mode}\\)\\? `));
      expect(textOf(refused)).toMatch(deleted);
      expect((await ok(client, 'list_job_runs', ids)).runs).toEqual([]);
      expect((await ok(client, 'run_job', { ...ids, confirm: true })).status).toMatch(/^(started|skipped)$/);
      expect((await ok(client, 'list_job_runs', ids)).runs).toHaveLength(1);
    }
  });

  it('previews a job, and says why there are no counts when an agent is offline', async () => {
    const job = await ok(client, 'create_job', jobBody('preview me', { mode: 'mirror' }));
    const answered = answerPreview();
    const preview = await call(client, 'preview_job', { projectId: platform.projectA, jobId: job.id });
    await answered;
    expect(preview.structuredContent).toMatchObject({ jobId: job.id, mode: 'mirror', plan: { send: { count: 1 } } });
    expect(textOf(preview)).toMatch(
      /^Preview \(mirror\): would send 1 file\(s\) \(2 KiB\);.*\nSent: 1 file\(s\) \(2 KiB\):\n {2}- reports\/new\.csv$/s,
    );

    const offline = await ok(client, 'create_job', {
      ...jobBody('from the spare', { mode: 'mirror' }),
      sourceAgentId: platform.spare.agentId,
    });
    const refused = await call(client, 'run_job', { projectId: platform.projectA, jobId: offline.id });
    expect(textOf(refused)).toMatch(
      /will be deleted\. \(No counts: the preview failed\. Not possible right now: Source agent "spare" is offline: a preview needs it connected\.\) This cannot be undone\./,
    );
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
    const created = await platform.server.request('POST', '/api/v1/api-keys', {
      token: platform.owner,
      body: { name: 'jobs but no transfers', scopes: ['projects:read', 'agents:read', 'jobs:read', 'jobs:write'] },
    });
    expect(created.status).toBe(201);
    const jobsOnly = await connectHttp(platform.server.url, created.body.secret);
    try {
      const job = await ok(jobsOnly, 'create_job', jobBody('no transfers for me'));
      const run = await call(jobsOnly, 'run_job', { projectId: platform.projectA, jobId: job.id });
      expect(textOf(run)).toMatch(/^Missing scope "transfers:write"/);
      expect((await ok(jobsOnly, 'list_job_runs', { projectId: platform.projectA, jobId: job.id })).runs).toEqual([]);
    } finally {
      await jobsOnly.close();
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

describe('storage locations for jobs and transfers', () => {
  it('lists the locations without their secrets, and makes a job that uploads to one', async () => {
    const location = await platform.server.request('POST', `/api/v1/projects/${platform.projectA}/storage-locations`, {
      token: platform.owner,
      body: {
        kind: 's3',
        name: 'Archive',
        bucket: 'team-archive',
        region: 'eu-central-1',
        prefix: 'nightly',
        credentials: { mode: 'access_key', accessKeyId: 'AKIDMCP', secretAccessKey: 'mcp-secret-key' },
      },
    });
    expect(location.status, JSON.stringify(location.body)).toBe(201);
    const listed = await call(client, 'list_storage_locations', { projectId: platform.projectA });
    expect(textOf(listed)).toContain(
      `- ${location.body.id} "Archive": s3://team-archive/nightly/ (signs in with access_key)`,
    );
    expect(JSON.stringify(listed)).not.toContain('mcp-secret-key');
    const job = await ok(client, 'create_job', {
      projectId: platform.projectA,
      name: 'reports to the archive',
      sourceAgentId: platform.source.agentId,
      sourcePaths: ['reports'],
      destinationLocationId: location.body.id,
      destinationPrefix: 'reports',
    });
    expect(job).toMatchObject({ destinationAgentId: null, destinationLocationId: location.body.id });
    const described = await call(client, 'get_job', { projectId: platform.projectA, jobId: job.id });
    expect(textOf(described)).toContain(
      `copy reports on agent ${platform.source.agentId} to storage location ${location.body.id} under "reports"`,
    );
    const readOnly = await connectHttp(platform.server.url, platform.keys.readOnly);
    try {
      const refused = await call(readOnly, 'list_storage_locations', { projectId: platform.projectA });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(/storage:read/);
    } finally {
      await readOnly.close();
    }
  });
});
