import { createPostgresDatabase, type Database } from '@tcpa/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nextFireAfter } from '../src/features/jobs/fire-times.ts';
import { JobScheduler } from '../src/features/jobs/job-scheduler.ts';
import { createJobProject, type JobProject } from './job-fixture.ts';
import { createTestServer, type TestServer } from './test-server.ts';
import { waitUntil } from './wait-until.ts';

const MINUTE_MS = 60_000;

/**
 * The scheduler on an injected clock: cron firings through daylight-saving changes, overlap
 * policies, and catch-up of firings missed while no server ran. Runs are read through the API.
 */
describe('job scheduler', () => {
  let server: TestServer;
  let p: JobProject;
  let clock = new Date();
  const queuedTransfers: string[] = [];
  const errors: unknown[] = [];
  let scheduler: JobScheduler;

  /** Moves the job's schedules to their first firing after `at`, and the clock to `at`. */
  async function startAt(job: { id: string }, at: string) {
    clock = new Date(at);
    const schedules = await server.sql<{ id: string; kind: 'cron' | 'interval'; cron: string; time_zone: string }>(
      'select id, kind, cron, time_zone from job_schedules where job_id = $1',
      [job.id],
    );
    for (const s of schedules) {
      const next = nextFireAfter({ kind: 'cron', cron: s.cron, timeZone: s.time_zone }, clock);
      await server.sql('update job_schedules set next_fire_at = $2 where id = $1', [s.id, next?.toISOString()]);
    }
  }
  /** Ticks every `stepMinutes` until `until`, as a running server would. */
  async function runUntil(until: string, stepMinutes = 5) {
    while (clock < new Date(until)) {
      clock = new Date(clock.getTime() + stepMinutes * MINUTE_MS);
      await scheduler.tickAsService();
    }
  }
  async function runsOf(job: { id: string }): Promise<{ fireTime: string; status: string; reason: string | null }[]> {
    const response = await server.request('GET', p.jobsPath(`/${job.id}/runs?limit=500`), { token: p.owner.token });
    expect(response.status).toBe(200);
    return response.body.runs.reverse();
  }
  const finishTransfers = (job: { id: string }) =>
    server.sql(`update transfers set state = 'succeeded', finished_at = now() where job_id = $1`, [job.id]);

  beforeAll(async () => {
    server = await createTestServer();
    p = await createJobProject(server, 'scheduler', 'enterprise');
    scheduler = new JobScheduler({
      database: server.deps.database,
      now: () => clock,
      onTransferQueued: (transfer) => queuedTransfers.push(transfer.id),
      onError: (error) => errors.push(error),
    });
  });
  // Each test's jobs stop when it ends, so a later test's clock does not fire them.
  afterEach(() => server.sql('update jobs set enabled = false'));
  afterAll(() => server?.close());

  const dstCases = [
    {
      zone: 'Europe/Berlin',
      change: 'spring forward (no 02:30 on 28 March)',
      from: '2027-03-27T12:00:00Z',
      until: '2027-03-29T12:00:00Z',
      // 02:30 does not exist: fires once, at 03:00 CEST.
      nightly: ['2027-03-28T01:00:00.000Z', '2027-03-29T00:30:00.000Z'],
    },
    {
      zone: 'Europe/Berlin',
      change: 'fall back (02:30 twice on 31 October)',
      from: '2027-10-30T12:00:00Z',
      until: '2027-11-01T12:00:00Z',
      nightly: ['2027-10-31T00:30:00.000Z', '2027-11-01T01:30:00.000Z'],
    },
    {
      zone: 'America/New_York',
      change: 'spring forward (no 02:30 on 14 March)',
      from: '2027-03-13T12:00:00Z',
      until: '2027-03-15T12:00:00Z',
      nightly: ['2027-03-14T07:00:00.000Z', '2027-03-15T06:30:00.000Z'],
    },
    {
      zone: 'America/New_York',
      change: 'fall back (01:00 to 02:00 twice on 7 November)',
      from: '2027-11-06T12:00:00Z',
      until: '2027-11-08T12:00:00Z',
      nightly: ['2027-11-07T07:30:00.000Z', '2027-11-08T07:30:00.000Z'],
    },
  ];

  for (const c of dstCases) {
    it(`fires cron schedules in ${c.zone} across the ${c.change} once per due time`, async () => {
      const nightly = await p.createJob({
        name: `nightly ${c.zone} ${c.from}`,
        overlap: 'parallel',
        schedules: [{ kind: 'cron', cron: '30 2 * * *', timeZone: c.zone }],
      });
      const hourly = await p.createJob({
        name: `hourly ${c.zone} ${c.from}`,
        overlap: 'parallel',
        schedules: [{ kind: 'cron', cron: '0 * * * *', timeZone: c.zone }],
      });
      await startAt(nightly, c.from);
      await startAt(hourly, c.from);
      await runUntil(c.until);
      const nightlyRuns = await runsOf(nightly);
      expect(nightlyRuns.map((run) => run.fireTime)).toEqual(c.nightly);
      expect(nightlyRuns.every((run) => run.status === 'started')).toBe(true);
      // Every hour of real time, once: 48 in two days whatever the wall clock does.
      const hourlyTimes = (await runsOf(hourly)).map((run) => Date.parse(run.fireTime));
      expect(hourlyTimes).toHaveLength(48);
      expect(hourlyTimes.slice(1).map((time, i) => time - (hourlyTimes[i] ?? 0))).toEqual(
        Array(47).fill(60 * MINUTE_MS),
      );
      expect(errors).toEqual([]);
    });
  }

  it('skip: a firing while the previous run is unfinished is recorded skipped with the reason', async () => {
    const job = await p.createJob({
      name: 'skip',
      schedules: [{ kind: 'cron', cron: '*/10 * * * *', timeZone: 'UTC' }],
    });
    await startAt(job, '2028-01-01T00:00:00Z');
    await runUntil('2028-01-01T00:20:00Z');
    await finishTransfers(job);
    await runUntil('2028-01-01T00:30:00Z');
    const runs = await runsOf(job);
    // The first run ended with its transfer.
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'skipped', 'started']);
    expect(runs[1]?.reason).toMatch(/^the previous run is still going \(transfer [0-9a-f-]{36}\)$/);
  });

  it('queue: one run waits for the previous one and starts when it ends; a third is skipped', async () => {
    const job = await p.createJob({
      name: 'queue',
      overlap: 'queue',
      schedules: [{ kind: 'cron', cron: '*/10 * * * *', timeZone: 'UTC' }],
    });
    await startAt(job, '2028-01-02T00:00:00Z');
    await runUntil('2028-01-02T00:30:00Z');
    expect((await runsOf(job)).map((run) => run.status)).toEqual(['started', 'queued', 'skipped']);
    await finishTransfers(job);
    await runUntil('2028-01-02T00:35:00Z');
    const runs = await runsOf(job);
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'started', 'skipped']);
    expect(runs[2]?.reason).toBe('a run is already waiting for the previous one to finish');
    const [queuedNow] = await server.sql<{ count: number }>(
      `select count(*)::int as count from transfers where job_id = $1 and state = 'queued'`,
      [job.id],
    );
    expect(queuedNow?.count).toBe(1);
  });

  it('parallel: every firing starts a transfer', async () => {
    const job = await p.createJob({
      name: 'parallel',
      overlap: 'parallel',
      schedules: [{ kind: 'cron', cron: '*/10 * * * *', timeZone: 'UTC' }],
    });
    await startAt(job, '2028-01-03T00:00:00Z');
    await runUntil('2028-01-03T00:30:00Z');
    const runs = await runsOf(job);
    expect(runs.map((run) => run.status)).toEqual(['started', 'started', 'started']);
    // The host heard of each transfer, to publish it so dispatch starts it.
    const transfers = await server.sql<{ id: string }>('select id from transfers where job_id = $1', [job.id]);
    expect(queuedTransfers).toEqual(expect.arrayContaining(transfers.map((t) => t.id)));
    expect(transfers).toHaveLength(3);
  });

  it('catch-up: after downtime the newest firing runs if within the window, older ones are missed', async () => {
    const withinWindow = await p.createJob({
      name: 'catch up',
      schedules: [{ kind: 'cron', cron: '0 * * * *', timeZone: 'UTC' }],
    });
    const shortWindow = await p.createJob({
      name: 'short window',
      catchUpSeconds: 600,
      schedules: [{ kind: 'cron', cron: '0 * * * *', timeZone: 'UTC' }],
    });
    await startAt(withinWindow, '2028-02-01T09:59:00Z');
    await startAt(shortWindow, '2028-02-01T09:59:00Z');
    // No server between 09:59 and 12:30: one tick on start.
    clock = new Date('2028-02-01T12:30:00Z');
    await scheduler.tickAsService();
    expect(await runsOf(withinWindow)).toEqual([
      expect.objectContaining({ fireTime: '2028-02-01T10:00:00.000Z', status: 'missed' }),
      expect.objectContaining({ fireTime: '2028-02-01T11:00:00.000Z', status: 'missed' }),
      expect.objectContaining({ fireTime: '2028-02-01T12:00:00.000Z', status: 'started' }),
    ]);
    const short = await runsOf(shortWindow);
    expect(short.map((run) => run.status)).toEqual(['missed', 'missed', 'missed']);
    expect(short[2]?.reason).toMatch(/older than the catch-up window \(600 s\)/);
    const job = await server.request('GET', p.jobsPath(`/${withinWindow.id}`), { token: p.owner.token });
    expect(job.body.schedules[0].nextFireAt).toBe('2028-02-01T13:00:00.000Z');
  });

  it('two servers on one database fire each due time exactly once', async () => {
    const jobs = [];
    for (let i = 0; i < 20; i++) {
      jobs.push(
        await p.createJob({
          name: `every minute ${i}`,
          overlap: 'parallel',
          schedules: [{ kind: 'cron', cron: '* * * * *', timeZone: 'UTC' }],
        }),
      );
    }
    for (const job of jobs) await startAt(job, '2028-03-01T00:00:00Z');
    // On PostgreSQL the second server has its own connection pool; PGlite is one process's database.
    const otherDatabase: Database = server.testDatabase.url
      ? createPostgresDatabase({ connectionString: server.testDatabase.url })
      : server.deps.database;
    const other = new JobScheduler({
      database: otherDatabase,
      now: () => clock,
      onTransferQueued: (transfer) => queuedTransfers.push(transfer.id),
      onError: (error) => errors.push(error),
    });
    try {
      for (let minute = 1; minute <= 5; minute++) {
        clock = new Date(Date.parse('2028-03-01T00:00:00Z') + minute * MINUTE_MS);
        await Promise.all([scheduler.tickAsService(), other.tickAsService(), scheduler.tickAsService()]);
      }
    } finally {
      if (otherDatabase !== server.deps.database) await otherDatabase.close();
    }
    expect(errors).toEqual([]);
    const [counts] = await server.sql<{ runs: number; distinct: number; transfers: number }>(
      `select count(*)::int as runs, count(distinct (schedule_id, fire_time))::int as distinct,
         (select count(*)::int from transfers where job_id = any($1::uuid[])) as transfers
       from job_runs where job_id = any($1::uuid[])`,
      [jobs.map((job) => job.id)],
    );
    expect(counts).toEqual({ runs: 100, distinct: 100, transfers: 100 });
  });

  /** A clock running at real speed from `at` on: the scheduler's sleeps are real, its dates those of the test. */
  function clockFrom(at: string): () => Date {
    const offset = Date.parse(at) - Date.now();
    return () => new Date(Date.now() + offset);
  }
  const startedScheduler = (now: () => Date, tickMs: number) => {
    const started = new JobScheduler({
      database: server.deps.database,
      now,
      onTransferQueued: () => undefined,
      onError: (error) => errors.push(error),
      tickMs,
    });
    started.start();
    return started;
  };

  it('sleeps until the earliest schedule is due: one due in 300 ms fires long before the next tick', async () => {
    const job = await p.createJob({ name: 'soon', schedules: [{ kind: 'cron', cron: '0 * * * *', timeZone: 'UTC' }] });
    const now = clockFrom('2028-05-01T09:59:59.700Z');
    await startAt(job, now().toISOString());
    // A tick a minute: only waking at the due time fires it within waitUntil's 15 s.
    const sleeper = startedScheduler(now, 60_000);
    try {
      const runs = await waitUntil('the schedule due in 300 ms to fire', async () => {
        const found = await runsOf(job);
        return found.length > 0 && found;
      });
      expect(runs).toEqual([expect.objectContaining({ fireTime: '2028-05-01T10:00:00.000Z', status: 'started' })]);
    } finally {
      await sleeper.stop();
    }
    expect(errors).toEqual([]);
  });

  it('while it sleeps until a distant firing, it still notices a schedule created meanwhile', async () => {
    const distant = await p.createJob({
      name: 'distant',
      schedules: [{ kind: 'cron', cron: '30 10 * * *', timeZone: 'UTC' }],
    });
    const now = clockFrom('2028-06-01T10:00:05Z');
    await startAt(distant, now().toISOString());
    const sleeper = startedScheduler(now, 200);
    try {
      // Past its first ticks: the earliest schedule is half an hour away, so it naps tickMs at a time.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const created = await p.createJob({
        name: 'created while it sleeps',
        schedules: [{ kind: 'cron', cron: '0 * * * *', timeZone: 'UTC' }],
      });
      await server.sql('update job_schedules set next_fire_at = $2 where job_id = $1', [
        created.id,
        '2028-06-01T10:00:00Z',
      ]);
      const runs = await waitUntil('the schedule created meanwhile to fire', async () => {
        const found = await runsOf(created);
        return found.length > 0 && found;
      });
      expect(runs).toEqual([expect.objectContaining({ fireTime: '2028-06-01T10:00:00.000Z', status: 'started' })]);
      expect(await runsOf(distant)).toEqual([]);
    } finally {
      await sleeper.stop();
    }
    expect(errors).toEqual([]);
  });

  it('ticks on its own once started; stop ends the ticks', async () => {
    const job = await p.createJob({ name: 'timer', schedules: [{ kind: 'cron', cron: '0 * * * *', timeZone: 'UTC' }] });
    await startAt(job, '2028-04-01T09:59:00Z');
    const timed = new JobScheduler({
      database: server.deps.database,
      now: () => clock,
      onTransferQueued: () => undefined,
      onError: (error) => errors.push(error),
      tickMs: 20,
    });
    timed.start();
    clock = new Date('2028-04-01T10:00:30Z');
    const runs = await waitUntil('the timer to fire the job', async () => {
      const found = await runsOf(job);
      return found.length > 0 && found;
    });
    await timed.stop();
    clock = new Date('2028-04-01T11:00:30Z');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runs).toEqual([expect.objectContaining({ fireTime: '2028-04-01T10:00:00.000Z', status: 'started' })]);
    expect(await runsOf(job)).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
