import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobScheduler } from '../src/features/jobs/job-scheduler.ts';
import { createJobProject, type JobProject } from './job-fixture.ts';
import { addToProject, createApiKey, invite, setPlan } from './people.ts';
import { createTestServer, type TestServer } from './test-server.ts';

const HOUR_MS = 3_600_000;

/** Jobs through the API as a person uses them: create, read, change, switch off and on, run now, delete. */
describe('jobs API', () => {
  let server: TestServer;
  let p: JobProject;
  const as = (method: string, path: string, body?: unknown) =>
    server.request(method, path, { token: p.owner.token, body });
  const auditActions = async (jobId: string) =>
    (
      await server.sql<{ action: string }>('select action from audit_log where target_id = $1 order by id', [jobId])
    ).map((row) => row.action);

  beforeAll(async () => {
    server = await createTestServer();
    p = await createJobProject(server, 'jobs-api', 'free');
  });
  afterAll(() => server?.close());

  it('creates a job whose next five firings are the next five full hours, and lists and gets it', async () => {
    const before = Date.now();
    const job = await p.createJob({ name: 'hourly', schedules: [{ kind: 'interval', everyMinutes: 60 }] });
    expect(job).toMatchObject({ name: 'hourly', mode: 'copy', overlap: 'skip', catchUpSeconds: 3600, enabled: true });
    const times = job.nextFireTimes.map((time: string) => Date.parse(time));
    expect(times).toHaveLength(5);
    const first = Math.ceil((before + 1) / HOUR_MS) * HOUR_MS;
    expect(times).toEqual([0, 1, 2, 3, 4].map((i) => first + i * HOUR_MS));
    expect((await as('GET', p.jobsPath(`/${job.id}`))).body).toEqual(job);
    expect((await as('GET', p.jobsPath())).body.jobs.map((j: { name: string }) => j.name)).toContain('hourly');
    expect(await auditActions(job.id)).toEqual(['job.created']);
  });

  it('gives the next firings of a cron schedule in its time zone', async () => {
    const job = await p.createJob({
      name: 'nightly in Tokyo',
      schedules: [{ kind: 'cron', cron: '30 2 * * *', timeZone: 'Asia/Tokyo' }],
    });
    // 02:30 in Tokyo (UTC+9, no daylight saving) is 17:30 UTC, every day.
    expect(job.nextFireTimes).toHaveLength(5);
    for (const time of job.nextFireTimes) expect(time).toMatch(/T17:30:00\.000Z$/);
  });

  it('refuses a schedule shorter than the plan allows with 402, naming the plan that allows it', async () => {
    const every15 = await as('POST', p.jobsPath(), {
      name: 'too often',
      sourceAgentId: p.sourceAgentId,
      sourcePaths: ['data'],
      destinationAgentId: p.destinationAgentId,
      destinationDir: 'in',
      schedules: [{ kind: 'interval', everyMinutes: 15 }],
    });
    expect(every15.status).toBe(402);
    expect(every15.body.error.code).toBe('plan_limit');
    expect(every15.body.error.message).toMatch(/every 15 minutes is not part of the Free plan.*upgrade to Starter/);
    const job = await p.createJob({ name: 'daily', schedules: [{ kind: 'cron', cron: '0 6 * * *', timeZone: 'UTC' }] });
    const everyFive = await as('PATCH', p.jobsPath(`/${job.id}`), {
      schedules: [{ kind: 'cron', cron: '*/5 * * * *', timeZone: 'UTC' }],
    });
    expect(everyFive.status).toBe(402);
    expect(everyFive.body.error.message).toMatch(/upgrade to Professional/);
    await setPlan(server, p.owner.companyId, 'starter');
    const allowed = await as('PATCH', p.jobsPath(`/${job.id}`), {
      schedules: [{ kind: 'interval', everyMinutes: 15 }],
    });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
    await setPlan(server, p.owner.companyId, 'free');
  });

  it('refuses a bad cron expression, an unknown time zone, a mode and a filter it does not know', async () => {
    const base = {
      name: 'bad',
      sourceAgentId: p.sourceAgentId,
      sourcePaths: ['data'],
      destinationAgentId: p.destinationAgentId,
      destinationDir: 'in',
    };
    const cases = [
      [{ schedules: [{ kind: 'cron', cron: '0 0 0 * * *', timeZone: 'UTC' }] }, /must have 5 fields/],
      [{ schedules: [{ kind: 'cron', cron: '61 * * * *', timeZone: 'UTC' }] }, /is not valid/],
      [{ schedules: [{ kind: 'cron', cron: '0 3 * * *', timeZone: 'Mars/Olympus' }] }, /not an IANA time zone/],
      [{ mode: 'sync' }, /mode/],
      [{ filters: { changedSince: true } }, /changedSince/],
    ] as const;
    for (const [extra, message] of cases) {
      const response = await as('POST', p.jobsPath(), { ...base, ...extra });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.error.message).toMatch(message);
    }
  });

  it('changes a job, stops its firings while disabled and resumes them when enabled, all audited', async () => {
    const job = await p.createJob({ name: 'to change', schedules: [{ kind: 'interval', everyMinutes: 120 }] });
    const changed = await as('PATCH', p.jobsPath(`/${job.id}`), { name: 'changed', priority: 8, overlap: 'queue' });
    expect(changed.body).toMatchObject({ name: 'changed', priority: 8, overlap: 'queue' });
    expect(changed.body.nextFireTimes).toEqual(job.nextFireTimes);
    const disabled = await as('POST', p.jobsPath(`/${job.id}/disable`));
    expect(disabled.body).toMatchObject({ enabled: false, nextFireTimes: [] });
    expect(disabled.body.schedules[0].nextFireAt).toBeNull();
    const enabled = await as('POST', p.jobsPath(`/${job.id}/enable`));
    expect(enabled.body.enabled).toBe(true);
    expect(enabled.body.nextFireTimes).toHaveLength(5);
    // The same schedule, so its run history stays linked to it.
    expect(enabled.body.schedules.map((schedule: { id: string }) => schedule.id)).toEqual([job.schedules[0].id]);
    expect(await auditActions(job.id)).toEqual(['job.created', 'job.updated', 'job.disabled', 'job.enabled']);
  });

  it('runs a job now: a queued transfer; a second run while it is unfinished is skipped with the reason', async () => {
    const job = await p.createJob({ name: 'manual' });
    expect(job.lastRun).toBeNull();
    const first = await as('POST', p.jobsPath(`/${job.id}/run`));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ trigger: 'manual', status: 'started', jobId: job.id });
    const transfer = await as('GET', `/api/v1/projects/${p.projectId}/transfers/${first.body.transferId}`);
    expect(transfer.body.transfer).toMatchObject({
      jobId: job.id,
      state: 'queued',
      sourcePaths: ['data'],
      destinationDir: 'in',
    });
    const second = await as('POST', p.jobsPath(`/${job.id}/run`));
    expect(second.body).toMatchObject({ status: 'skipped', transferId: null });
    expect(second.body.reason).toBe(`the previous run is still going (transfer ${first.body.transferId})`);
    const runs = await as('GET', p.jobsPath(`/${job.id}/runs`));
    expect(runs.body.runs.map((run: { status: string }) => run.status)).toEqual(['skipped', 'started']);
    // The Jobs list carries each job's newest run: no request per row.
    const listed = (await as('GET', p.jobsPath(''))).body.jobs.find((other: { id: string }) => other.id === job.id);
    expect(listed.lastRun).toEqual(runs.body.runs[0]);
  });

  it('deletes a job: it is gone, its runs and their transfers stay in the history', async () => {
    const job = await p.createJob({ name: 'to delete' });
    const run = await as('POST', p.jobsPath(`/${job.id}/run`));
    expect((await as('DELETE', p.jobsPath(`/${job.id}`))).status).toBe(204);
    expect((await as('GET', p.jobsPath(`/${job.id}`))).status).toBe(404);
    expect((await as('GET', p.jobsPath(`/${job.id}/runs`))).status).toBe(404);
    const transfer = await as('GET', `/api/v1/projects/${p.projectId}/transfers/${run.body.transferId}`);
    expect(transfer.body.transfer).toMatchObject({ id: run.body.transferId, jobId: null });
    const kept = await server.sql('select job_id, job_name, status from job_runs where id = $1', [run.body.id]);
    expect(kept).toEqual([{ job_id: null, job_name: 'to delete', status: 'started' }]);
    expect(await auditActions(job.id)).toEqual(['job.created', 'job.run', 'job.deleted']);
  });

  it('stores a mirror job with filters; its runs carry the mode and the transfer filters, changedSinceLastRun resolved apart', async () => {
    const filters = { include: ['**/*.csv'], skipHidden: true, changedSinceLastRun: true };
    const job = await p.createJob({ name: 'mirror csv', mode: 'mirror', filters });
    expect(job).toMatchObject({ mode: 'mirror', filters });
    expect((await as('GET', p.jobsPath(`/${job.id}`))).body).toMatchObject({ mode: 'mirror', filters });
    const first = await as('POST', p.jobsPath(`/${job.id}/run`));
    const transferPath = (id: string) => `/api/v1/projects/${p.projectId}/transfers/${id}`;
    expect((await as('GET', transferPath(first.body.transferId))).body.transfer).toMatchObject({
      mode: 'mirror',
      filters: { include: ['**/*.csv'], skipHidden: true },
    });
    const cutOff = (id: string) =>
      server.sql<{ modified_after: string | null }>('select modified_after from transfers where id = $1', [id]);
    // The first run sends every file: there is no successful run yet.
    expect(await cutOff(first.body.transferId)).toEqual([{ modified_after: null }]);
    await server.sql(
      `update transfers set state = 'succeeded', started_at = '2030-01-01T00:00:00Z', finished_at = now() where id = $1`,
      [first.body.transferId],
    );
    const second = await as('POST', p.jobsPath(`/${job.id}/run`));
    expect(second.body.status).toBe('started');
    const [stored] = await cutOff(second.body.transferId);
    expect(Date.parse(stored?.modified_after ?? '')).toBe(Date.parse('2030-01-01T00:00:00Z'));
    // Filters removed: the next runs take every file.
    const cleared = await as('PATCH', p.jobsPath(`/${job.id}`), { filters: null, mode: 'move' });
    expect(cleared.body).toMatchObject({ filters: null, mode: 'move' });
  });

  it("follows the run's transfer: canceled, started again by a retry, then succeeded with what it did", async () => {
    const job = await p.createJob({ name: 'followed' });
    const run = (await as('POST', p.jobsPath(`/${job.id}/run`))).body;
    const transferPath = `/api/v1/projects/${p.projectId}/transfers/${run.transferId}`;
    const runNow = async () =>
      (await as('GET', p.jobsPath(`/${job.id}/runs`))).body.runs.find((r: { id: string }) => r.id === run.id);
    expect(run).toMatchObject({ status: 'started', filesCopied: null, finishedAt: null });
    expect((await as('POST', `${transferPath}/cancel`)).status).toBe(200);
    const canceled = await runNow();
    expect(canceled).toMatchObject({ status: 'canceled', filesCopied: 0, bytesCopied: 0, filesDeleted: 0 });
    expect(canceled.finishedAt).not.toBeNull();
    expect((await as('POST', `${transferPath}/retry`)).status).toBe(200);
    expect(await runNow()).toMatchObject({
      status: 'started',
      filesCopied: null,
      finishedAt: null,
      durationSeconds: null,
    });
    // What a source agent reports, stored as its reports are (two copied, one skipped, a mirror's deletion, a move's).
    await server.sql(
      `insert into transfer_files (transfer_id, company_id, project_id, path, size, sha256, status, error, source_deleted)
       select t.id, t.company_id, t.project_id, f.path, f.size, null, f.status, null, f.moved
       from transfers t, (values ('data/a', 100, 'done', false), ('data/b', 50, 'done', true),
                                 ('data/c', 7, 'skipped', false), ('data/old', 9, 'deleted', false))
         as f(path, size, status, moved)
       where t.id = $1`,
      [run.transferId],
    );
    await server.sql(
      `update transfers set state = 'succeeded', started_at = now() - interval '90 seconds', finished_at = now()
       where id = $1`,
      [run.transferId],
    );
    const succeeded = await runNow();
    expect(succeeded).toMatchObject({ status: 'succeeded', filesCopied: 2, bytesCopied: 150, filesDeleted: 2 });
    expect(succeeded.durationSeconds).toBeCloseTo(90, 0);
    const detail = await as('GET', transferPath);
    expect(detail.body.files).toEqual([
      expect.objectContaining({ path: 'data/a', status: 'done', sourceDeleted: false }),
      expect.objectContaining({ path: 'data/b', status: 'done', sourceDeleted: true }),
      expect.objectContaining({ path: 'data/c', status: 'skipped', sourceDeleted: false }),
      expect.objectContaining({ path: 'data/old', status: 'deleted', sourceDeleted: false }),
    ]);
  });

  it('a queued run starts when the run before it ends', async () => {
    const job = await p.createJob({ name: 'queued behind', overlap: 'queue' });
    const first = (await as('POST', p.jobsPath(`/${job.id}/run`))).body;
    const second = (await as('POST', p.jobsPath(`/${job.id}/run`))).body;
    expect(second).toMatchObject({ status: 'queued', transferId: null });
    await as('POST', `/api/v1/projects/${p.projectId}/transfers/${first.transferId}/cancel`);
    expect((await as('GET', p.jobsPath(`/${job.id}/runs`))).body.runs).toEqual([
      expect.objectContaining({ id: second.id, status: 'queued' }),
      expect.objectContaining({ id: first.id, status: 'canceled' }),
    ]);
    // The scheduler's next tick (every second on a running server) starts it, and says so.
    const changed: string[] = [];
    const scheduler = new JobScheduler({
      database: server.deps.database,
      onTransferQueued: () => undefined,
      onRunChanged: (run) => changed.push(`${run.id} ${run.status}`),
      onError: (error) => {
        throw error;
      },
    });
    expect(await scheduler.tickAsService()).toBe(1);
    expect(changed).toEqual([`${second.id} started`]);
    const runs = (await as('GET', p.jobsPath(`/${job.id}/runs`))).body.runs;
    expect(runs[0]).toMatchObject({ id: second.id, status: 'started', reason: null });
    expect(runs[0].transferId).not.toBeNull();
  });

  it('refuses a preview while the agents are offline with 409 agent_offline, and runs nothing', async () => {
    const job = await p.createJob({ name: 'previewed', mode: 'mirror' });
    const preview = await as('POST', p.jobsPath(`/${job.id}/preview`));
    expect(preview.status, JSON.stringify(preview.body)).toBe(409);
    expect(preview.body.error).toMatchObject({ details: { reason: 'agent_offline' } });
    expect(preview.body.error.message).toMatch(/is offline: a preview needs it connected/);
    expect((await as('POST', p.jobsPath(`/${crypto.randomUUID()}/preview`))).status).toBe(404);
    const [runs] = await server.sql<{ count: number }>(
      'select count(*)::int as count from job_runs where job_id = $1',
      [job.id],
    );
    expect(runs?.count).toBe(0);
  });

  it('Run now needs transfers:write too: a key with only the jobs scopes may not start a transfer', async () => {
    const job = await p.createJob({ name: 'key run' });
    await setPlan(server, p.owner.companyId, 'starter'); // API keys work from Starter on
    const jobsOnly = await createApiKey(server, p.owner, { name: 'jobs only', scopes: ['jobs:read', 'jobs:write'] });
    const refused = await server.request('POST', p.jobsPath(`/${job.id}/run`), { token: jobsOnly.secret });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/lacks the scope "transfers:write"/);
    const both = await createApiKey(server, p.owner, {
      name: 'jobs and transfers',
      scopes: ['jobs:read', 'jobs:write', 'transfers:write'],
    });
    const run = await server.request('POST', p.jobsPath(`/${job.id}/run`), { token: both.secret });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    await setPlan(server, p.owner.companyId, 'free');
  });

  it("shows each plan's shortest schedule interval", async () => {
    const plans = (await server.request('GET', '/api/v1/plans')).body.plans;
    const minutes = Object.fromEntries(
      plans.map((plan: { id: string; minScheduleIntervalMinutes: number }) => [
        plan.id,
        plan.minScheduleIntervalMinutes,
      ]),
    );
    expect(minutes).toMatchObject({ free: 60, starter: 15, professional: 1, enterprise: 1 });
  });

  it('lets a project viewer read and preview jobs and read runs, but not change or run them', async () => {
    const job = await p.createJob({ name: 'watched' });
    const viewer = await invite(server, p.owner, 'viewer@jobs-api.test', 'member');
    await addToProject(server, p.owner, p.projectId, viewer, 'viewer');
    const asViewer = (method: string, path: string) => server.request(method, path, { token: viewer.token });
    expect((await asViewer('GET', p.jobsPath(`/${job.id}`))).body.name).toBe('watched');
    expect((await asViewer('GET', p.jobsPath(`/${job.id}/runs`))).status).toBe(200);
    for (const [method, path] of [
      ['POST', `/${job.id}/run`],
      ['POST', `/${job.id}/disable`],
      ['DELETE', `/${job.id}`],
    ] as const) {
      expect((await asViewer(method, p.jobsPath(path))).status).toBe(403);
    }
    expect((await as('GET', p.jobsPath(`/${job.id}`))).body.enabled).toBe(true);
    // A preview changes nothing: reading jobs is enough (here it meets the offline agents, not a 403).
    const preview = await asViewer('POST', p.jobsPath(`/${job.id}/preview`));
    expect(preview.body.error.details).toEqual({ reason: 'agent_offline' });
  });
});
