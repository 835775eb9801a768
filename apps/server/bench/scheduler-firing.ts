/**
 * Part A of `npm run bench:jobs`: two real control planes (each its own process with its own pool
 * and its own JobScheduler, which wakes when the earliest schedule is due) over one fresh
 * PostgreSQL database fire thousands of schedules due in the same minute. Every (schedule, fire
 * time) must get exactly one run.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, createBenchDatabase, redact, serverUrlFromEnv } from './bench-database.ts';
import { progress } from './bench-main.ts';
import type { Cleanup } from './cleanup.ts';
import { cpuSecondsOf, postgresPidsFor, readCpu } from './proc-stats.ts';
import { seedDueSchedules } from './scheduler-seed.ts';
import { startServerProcess } from './server-process.ts';

const POOL_SIZE = 10;
/** Seeding 10,000 jobs takes about a second; the firing is the first minute boundary after this much. */
const SEED_MARGIN_MS = 12_000;
const FIRING_TIMEOUT_MS = 120_000;

export interface FiringResult {
  schedules: number;
  agentStatus: 'active' | 'pending';
  servers: number;
  fired: number;
  duplicates: number;
  missed: number;
  p50LatenessMs: number;
  p99LatenessMs: number;
  maxLatenessMs: number;
  /** From the fire time until the bench saw the last run committed (polling every 100 ms). */
  allCommittedSeconds: number;
  /** Both servers' CPU over the firing, less what they spend idle over as long, per run made. */
  cpuMsPerFiring: number;
  /** The database's backends (and the cluster's shared helpers) over the firing, per run made. */
  postgresCpuMsPerFiring: number;
  idleServerCpuMsPerSecond: number;
  /** What the runs did: "started" (a transfer queued; its agents never connect), "skipped: …". */
  outcomes: Record<string, number>;
}

const nextMinuteAfter = (ms: number) => new Date(Math.ceil(ms / 60_000) * 60_000);
const cpuOf = (pids: number[]) => pids.reduce((sum, pid) => sum + (cpuSecondsOf(pid) ?? 0), 0);

export async function measureSchedulerFiring(
  schedules: number,
  agentStatus: 'active' | 'pending',
  cleanup: Cleanup,
): Promise<FiringResult> {
  const serverUrl = serverUrlFromEnv(process.env);
  const database = await createBenchDatabase(serverUrl);
  cleanup.add(`drop database ${database.name}`, () => database.drop());
  progress(`created database ${database.name} on ${redact(serverUrl)}`);
  const start = () =>
    startServerProcess({ databaseUrl: database.url, poolSize: POOL_SIZE }, (started) =>
      cleanup.add('stop a server', () => started.stop()),
    );
  const first = await start(); // migrates before the second one starts
  const second = await start();
  const serverPids = [first.pid, second.pid];
  progress(`two servers up (${first.baseUrl}, ${second.baseUrl}), each with its own pool of ${POOL_SIZE}`);

  const owner = await connect(database.url);
  cleanup.add('close the owner connection', () => owner.end());
  const fireTime = nextMinuteAfter(Date.now() + SEED_MARGIN_MS);
  const seeded = await seedDueSchedules(owner, schedules, fireTime, agentStatus);
  progress(
    `seeded ${seeded.jobs} jobs in ${seeded.projects} projects of ${seeded.companies} companies, all due at ${fireTime.toISOString()}`,
  );

  const idleFrom = { at: performance.now(), cpu: cpuOf(serverPids) };
  await sleep(Math.max(0, fireTime.getTime() - 500 - Date.now()));
  const idleSeconds = (performance.now() - idleFrom.at) / 1000;
  const idleRate = (cpuOf(serverPids) - idleFrom.cpu) / idleSeconds;

  const before = {
    at: performance.now(),
    servers: cpuOf(serverPids),
    postgres: readCpu(postgresPidsFor(database.name)),
  };
  const deadline = fireTime.getTime() + FIRING_TIMEOUT_MS;
  let made = 0;
  while (Date.now() < deadline) {
    const { rows } = await owner.query<{ n: number }>('select count(*)::int as n from job_runs');
    made = rows[0]?.n ?? 0;
    if (made >= schedules) break;
    await sleep(100);
  }
  const allCommittedSeconds = (Date.now() - fireTime.getTime()) / 1000;
  const windowSeconds = (performance.now() - before.at) / 1000;
  const serverCpu = cpuOf(serverPids) - before.servers - idleRate * windowSeconds;
  const postgresAfter = readCpu([...before.postgres.seconds.keys()]);
  let postgresCpu = 0;
  for (const [pid, seconds] of postgresAfter.seconds) postgresCpu += seconds - (before.postgres.seconds.get(pid) ?? 0);
  progress(`${made} runs after ${allCommittedSeconds.toFixed(1)} s; waiting 3 s for any duplicate`);
  await sleep(3000);

  const { rows: figures } = await owner.query<{
    runs: number;
    distinct_schedules: number;
    fired: number;
    missed_status: number;
    stray: number;
    p50: number | null;
    p99: number | null;
    max: number | null;
  }>(
    `select count(*) filter (where fire_time = $1)::int as runs,
       count(distinct schedule_id) filter (where fire_time = $1)::int as distinct_schedules,
       count(distinct schedule_id) filter (where fire_time = $1 and status <> 'missed')::int as fired,
       count(*) filter (where status = 'missed')::int as missed_status,
       count(*) filter (where fire_time <> $1 or schedule_id is null)::int as stray,
       percentile_cont(0.5) within group (order by extract(epoch from created_at - fire_time) * 1000) as p50,
       percentile_cont(0.99) within group (order by extract(epoch from created_at - fire_time) * 1000) as p99,
       max(extract(epoch from created_at - fire_time) * 1000)::float8 as max
     from job_runs`,
    [fireTime.toISOString()],
  );
  const { rows: outcomeRows } = await owner.query<{ outcome: string; n: number }>(
    `select status || coalesce(': ' || reason, '') as outcome, count(*)::int as n from job_runs group by 1 order by 2 desc`,
  );
  const f = figures[0];
  if (!f) throw new Error('no figures');
  const fired = f.fired;
  await Promise.all([first.stop(), second.stop()]);
  return {
    schedules,
    agentStatus,
    servers: 2,
    fired,
    duplicates: f.runs - f.distinct_schedules + f.stray,
    missed: schedules - f.distinct_schedules + f.missed_status,
    p50LatenessMs: Number(f.p50 ?? 0),
    p99LatenessMs: Number(f.p99 ?? 0),
    maxLatenessMs: Number(f.max ?? 0),
    allCommittedSeconds,
    cpuMsPerFiring: fired > 0 ? (serverCpu * 1000) / fired : 0,
    postgresCpuMsPerFiring: fired > 0 ? (postgresCpu * 1000) / fired : 0,
    idleServerCpuMsPerSecond: idleRate * 1000,
    outcomes: Object.fromEntries(outcomeRows.map((row) => [row.outcome, row.n])),
  };
}
