import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobProject, type JobProject } from './job-fixture.ts';
import { addToProject, invite, setPlan } from './people.ts';
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

  it('refuses a bad cron expression, an unknown time zone and a mode that does not run yet', async () => {
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
      [{ mode: 'mirror' }, /"mirror" is not available yet/],
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

  it('lets a project viewer read jobs and runs but not change or run them', async () => {
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
  });
});
