import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobScheduler } from '../src/features/jobs/job-scheduler.ts';
import { createJobProject, type JobProject } from './job-fixture.ts';
import { createApiKey, createProject } from './people.ts';
import { createTestServer, type TestServer } from './test-server.ts';

const s3Location = (name: string, prefix = '') => ({
  kind: 's3',
  name,
  bucket: 'team-archive',
  region: 'eu-central-1',
  ...(prefix && { prefix }),
  credentials: { mode: 'access_key', accessKeyId: 'AKIDJOBS', secretAccessKey: 'jobs-secret-key' },
});

/** Jobs whose source or destination is a storage location: stored, changed, run and guarded like a transfer's sides. */
describe('jobs with storage locations', () => {
  let server: TestServer;
  let p: JobProject;
  let locationId: string;
  let otherProjectLocationId: string;
  const as = (method: string, path: string, body?: unknown) =>
    server.request(method, path, { token: p.owner.token, body });
  const locationsPath = () => `/api/v1/projects/${p.projectId}/storage-locations`;

  beforeAll(async () => {
    server = await createTestServer();
    p = await createJobProject(server, 'jobs-cloud', 'starter');
    const location = await as('POST', locationsPath(), s3Location('Archive', 'team'));
    expect(location.status, JSON.stringify(location.body)).toBe(201);
    locationId = location.body.id;
    const otherProject = await createProject(server, p.owner, 'other project');
    const elsewhere = await as('POST', `/api/v1/projects/${otherProject}/storage-locations`, s3Location('Elsewhere'));
    otherProjectLocationId = elsewhere.body.id;
  });
  afterAll(() => server?.close());

  it('stores an upload job; each run queues a transfer to the location under its prefix', async () => {
    const job = await as('POST', p.jobsPath(), {
      name: 'nightly upload',
      sourceAgentId: p.sourceAgentId,
      sourcePaths: ['reports'],
      destinationLocationId: locationId,
      destinationPrefix: 'nightly',
      mode: 'mirror',
    });
    expect(job.status, JSON.stringify(job.body)).toBe(201);
    expect(job.body).toMatchObject({
      sourceAgentId: p.sourceAgentId,
      sourcePaths: ['reports'],
      sourceLocationId: null,
      sourcePrefix: null,
      destinationAgentId: null,
      destinationDir: null,
      destinationLocationId: locationId,
      destinationPrefix: 'nightly',
    });
    const run = await as('POST', p.jobsPath(`/${job.body.id}/run`));
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    const transfer = await as('GET', `/api/v1/projects/${p.projectId}/transfers/${run.body.transferId}`);
    expect(transfer.body.transfer).toMatchObject({
      jobId: job.body.id,
      sourceAgentId: p.sourceAgentId,
      destinationAgentId: null,
      destinationLocationId: locationId,
      destinationPrefix: 'nightly',
      storeLabel: 's3://team-archive/team/nightly/',
      mode: 'mirror',
      state: 'queued',
    });
  });

  it('stores a download job (the whole location when no prefix is given); the scheduler queues its transfer', async () => {
    const job = await as('POST', p.jobsPath(), {
      name: 'restore',
      sourceLocationId: locationId,
      destinationAgentId: p.destinationAgentId,
      destinationDir: 'restored',
      schedules: [{ kind: 'interval', everyMinutes: 60 }],
    });
    expect(job.status, JSON.stringify(job.body)).toBe(201);
    expect(job.body).toMatchObject({ sourceLocationId: locationId, sourcePrefix: '', sourceAgentId: null });
    // The scheduler as a running server ticks it, once the first firing is due.
    const due = new Date(Date.parse(job.body.nextFireTimes[0]) + 1000);
    const scheduler = new JobScheduler({
      database: server.deps.database,
      now: () => due,
      onTransferQueued: () => undefined,
      onRunChanged: () => undefined,
      onError: (error) => {
        throw error;
      },
    });
    expect(await scheduler.tickAsService()).toBe(1);
    const [run] = (await as('GET', p.jobsPath(`/${job.body.id}/runs`))).body.runs;
    expect(run).toMatchObject({ trigger: 'schedule', status: 'started' });
    const transfer = await as('GET', `/api/v1/projects/${p.projectId}/transfers/${run.transferId}`);
    expect(transfer.body.transfer).toMatchObject({
      sourceAgentId: null,
      sourceLocationId: locationId,
      sourcePrefix: '',
      destinationAgentId: p.destinationAgentId,
      destinationDir: 'restored',
      storeLabel: 's3://team-archive/team/',
    });
  });

  it('refuses a side that is both an agent and a location, two locations, and a location of another project', async () => {
    const base = { name: 'refused', sourceAgentId: p.sourceAgentId, sourcePaths: ['reports'] };
    const mixed = await as('POST', p.jobsPath(), {
      ...base,
      destinationAgentId: p.destinationAgentId,
      destinationDir: 'in',
      destinationLocationId: locationId,
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.message).toMatch(
      /destinationLocationId: give destinationAgentId with destinationDir or destinationLocationId, not both/,
    );
    const twoLocations = await as('POST', p.jobsPath(), {
      name: 'refused',
      sourceLocationId: locationId,
      destinationLocationId: locationId,
    });
    expect(twoLocations.status).toBe(400);
    expect(twoLocations.body.error.message).toMatch(/needs an agent to carry the bytes/);
    const missing = await as('POST', p.jobsPath(), base);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/a destination is required/);
    const elsewhere = await as('POST', p.jobsPath(), { ...base, destinationLocationId: otherProjectLocationId });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.message).toBe('Destination storage location not found in this project');
    const [count] = await server.sql<{ count: number }>(
      `select count(*)::int as count from jobs where project_id = $1 and name = 'refused'`,
      [p.projectId],
    );
    expect(count?.count).toBe(0);
  });

  it('changes a side from an agent to a location and back; a side named in part keeps the rest', async () => {
    const job = await p.createJob({ name: 'moving target' });
    const path = p.jobsPath(`/${job.id}`);
    const toLocation = await as('PATCH', path, { destinationLocationId: locationId, destinationPrefix: 'copies' });
    expect(toLocation.status, JSON.stringify(toLocation.body)).toBe(200);
    expect(toLocation.body).toMatchObject({
      sourceAgentId: p.sourceAgentId,
      destinationAgentId: null,
      destinationDir: null,
      destinationLocationId: locationId,
      destinationPrefix: 'copies',
    });
    const newPrefix = await as('PATCH', path, { destinationPrefix: 'copies/2026' });
    expect(newPrefix.body).toMatchObject({ destinationLocationId: locationId, destinationPrefix: 'copies/2026' });
    const newPaths = await as('PATCH', path, { sourcePaths: ['reports', 'logs'] });
    expect(newPaths.body).toMatchObject({ sourceAgentId: p.sourceAgentId, sourcePaths: ['reports', 'logs'] });
    const halfAgent = await as('PATCH', path, { destinationDir: 'in' });
    expect(halfAgent.status).toBe(400);
    expect(halfAgent.body.error.message).toMatch(/destinationAgentId is required with destinationDir/);
    const mixed = await as('PATCH', path, { destinationAgentId: p.destinationAgentId, destinationPrefix: 'x' });
    expect(mixed.status).toBe(400);
    const back = await as('PATCH', path, { destinationAgentId: p.destinationAgentId, destinationDir: 'in' });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body).toMatchObject({
      destinationAgentId: p.destinationAgentId,
      destinationDir: 'in',
      destinationLocationId: null,
      destinationPrefix: null,
    });
  });

  it('keeps a location a job names: removing it says which jobs first', async () => {
    const spare = await as('POST', locationsPath(), s3Location('Spare'));
    const job = await as('POST', p.jobsPath(), {
      name: 'to the spare',
      sourceAgentId: p.sourceAgentId,
      sourcePaths: ['reports'],
      destinationLocationId: spare.body.id,
    });
    const refused = await as('DELETE', `${locationsPath()}/${spare.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      'Jobs use this storage location: "to the spare". Point them elsewhere or delete them, then remove it.',
    );
    expect((await as('DELETE', p.jobsPath(`/${job.body.id}`))).status).toBe(204);
    expect((await as('DELETE', `${locationsPath()}/${spare.body.id}`)).status).toBe(204);
  });

  it('previews only jobs between two agents, saying why', async () => {
    const job = await as('POST', p.jobsPath(), {
      name: 'no preview',
      sourceAgentId: p.sourceAgentId,
      sourcePaths: ['reports'],
      destinationLocationId: locationId,
    });
    const preview = await as('POST', p.jobsPath(`/${job.body.id}/preview`));
    expect(preview.status).toBe(409);
    expect(preview.body.error).toMatchObject({ details: { reason: 'preview_needs_agents' } });
    expect(preview.body.error.message).toMatch(/this job's destination is a storage location\. Run it/);
  });

  it('needs storage:read to name a location in a job or to run such a job now', async () => {
    const job = await as('POST', p.jobsPath(), {
      name: 'guarded',
      sourceAgentId: p.sourceAgentId,
      sourcePaths: ['reports'],
      destinationLocationId: locationId,
    });
    const key = await createApiKey(server, p.owner, {
      name: 'jobs without storage',
      scopes: ['jobs:read', 'jobs:write', 'transfers:write'],
    });
    const asKey = (method: string, path: string, body?: unknown) =>
      server.request(method, path, { token: key.secret, body });
    const created = await asKey('POST', p.jobsPath(), {
      name: 'by key',
      sourceAgentId: p.sourceAgentId,
      sourcePaths: ['reports'],
      destinationLocationId: locationId,
    });
    expect(created.status).toBe(403);
    expect(created.body.error.message).toMatch(/storage:read/);
    expect((await asKey('PATCH', p.jobsPath(`/${job.body.id}`), { destinationLocationId: locationId })).status).toBe(
      403,
    );
    const run = await asKey('POST', p.jobsPath(`/${job.body.id}/run`));
    expect(run.status).toBe(403);
    // Between agents, the same key may still change and run jobs.
    const between = await p.createJob({ name: 'between agents' });
    expect((await asKey('POST', p.jobsPath(`/${between.id}/run`))).status).toBe(201);
    // Reading a job shows the location's id and prefix, never its bucket's keys.
    const read = await asKey('GET', p.jobsPath(`/${job.body.id}`));
    expect(JSON.stringify(read.body)).not.toMatch(/jobs-secret-key|AKIDJOBS/);
  });
});
