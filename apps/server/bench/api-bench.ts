/**
 * `npm run bench:api`: throughput and latency of GET /api/v1/projects with row-level security
 * on and off, against a real PostgreSQL.
 *
 * Creates a throwaway database, starts the control plane in its own process, seeds one company
 * with PROJECT_COUNT projects through the API, checks that both modes return the same rows,
 * then loads the endpoint from a separate autocannon process, once per mode. Progress goes to
 * stderr; stdout gets the table, the verdict and, as its last line, a JSON summary (exit codes:
 * bench-main.ts).
 */
import { z } from 'zod';
import {
  connect,
  createBenchDatabase,
  RLS_TABLES,
  redact,
  serverUrlFromEnv,
  setRowLevelSecurity,
} from './bench-database.ts';
import { progress, runBench } from './bench-main.ts';
import type { Cleanup } from './cleanup.ts';
import { type CliOptions, parseCliOptions, USAGE } from './cli.ts';
import { runLoad } from './load.ts';
import { failuresOf, type LoadJob, type LoadResult } from './load-protocol.ts';
import { processesNamed, readCpu } from './proc-stats.ts';
import { type CpuPerRequest, formatReport, type Measured, summaryLine } from './report.ts';
import { apiRequest, PROJECT_COUNT, seed } from './seed.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

const WARMUP_SECONDS = 3;
/**
 * An unmeasured load before the first mode: a fresh server spent ~10% more CPU per request in
 * whichever mode ran first, even after its own 3 s warm-up (JIT, heap sizing, pool start-up).
 */
const SERVER_WARMUP_SECONDS = 8;
const DATABASE_POOL_SIZE = 16;
const PROJECTS_PATH = '/api/v1/projects';

const ProjectListSchema = z.object({ projects: z.array(z.object({ id: z.uuid(), name: z.string() })) });

async function listProjectsBody(server: ServerProcess, token: string): Promise<string> {
  const body = await apiRequest(server.baseUrl, 'GET', PROJECTS_PATH, { token, expectStatus: 200 });
  const { projects } = ProjectListSchema.parse(JSON.parse(body));
  if (projects.length !== PROJECT_COUNT) {
    throw new Error(`GET ${PROJECTS_PATH} returned ${projects.length} projects, expected ${PROJECT_COUNT}`);
  }
  return body;
}

/** Every response of the run must be a 2xx with the expected body; anything else fails the bench. */
function requireClean(mode: string, result: LoadResult, server: ServerProcess): LoadResult {
  if (failuresOf(result) === 0 && result.warmupFailures === 0 && result.ok > 0) return result;
  throw new Error(
    `${mode}: not every response was a 2xx with the expected body: ` +
      `${result.ok} ok, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts, ` +
      `${result.mismatches} body mismatches, ${result.warmupFailures} failures during the warm-up; ` +
      `status codes ${JSON.stringify(result.statusCodes)}\n  server output:\n${server.tail()}`,
  );
}

/** The PostgreSQL backends serving one database (their process title names it). */
function backendPidsOf(database: string): number[] {
  return processesNamed('postgres')
    .filter(({ commandLine }) =>
      commandLine
        .replace(/^postgres: [^:]*: /, '')
        .split(' ')
        .includes(database),
    )
    .map(({ pid }) => pid);
}

/**
 * Runs one load job and measures the CPU time the server and the database's backends spent
 * on it, per request (warm-up included on both sides of the division). Unlike requests/s,
 * this hardly moves when other work shares the machine.
 */
async function runLoadWithCpu(
  job: LoadJob,
  cleanup: Cleanup,
  server: ServerProcess,
  database: string,
): Promise<{ result: LoadResult; cpu: CpuPerRequest }> {
  const cpuOf = () => readCpu([server.pid, ...backendPidsOf(database)]);
  const before = cpuOf();
  const result = await runLoad(job, cleanup);
  const after = cpuOf();
  const used = (pid: number) => (after.seconds.get(pid) ?? 0) - (before.seconds.get(pid) ?? 0);
  let postgres = 0;
  for (const pid of after.seconds.keys()) if (pid !== server.pid) postgres += used(pid);
  const requests = result.requests + result.warmupRequests;
  const perRequestUs = (seconds: number) => (requests > 0 ? (seconds / requests) * 1e6 : 0);
  return { result, cpu: { serverUs: perRequestUs(used(server.pid)), postgresUs: perRequestUs(postgres) } };
}

async function measure(options: CliOptions, cleanup: Cleanup): Promise<Measured> {
  const serverUrl = serverUrlFromEnv(process.env);
  const database = await createBenchDatabase(serverUrl);
  cleanup.add(`drop database ${database.name}`, () => database.drop());
  progress(`created database ${database.name} on ${redact(serverUrl)}`);

  const server = await startServerProcess({ databaseUrl: database.url, poolSize: DATABASE_POOL_SIZE }, (started) =>
    cleanup.add('stop the server', () => started.stop()),
  );
  progress(`server up at ${server.baseUrl} (DATABASE_POOL_SIZE=${DATABASE_POOL_SIZE})`);

  const owner = await connect(database.url);
  cleanup.add('close the owner connection', () => owner.end());
  const { accessToken } = await seed(server.baseUrl, owner);
  progress(`seeded one company with ${PROJECT_COUNT} projects`);

  /** Turns RLS off; the returned function turns it back on (cleanup does, if the run never gets there). */
  const disableRls = async () => {
    await setRowLevelSecurity(owner, false);
    const unregister = cleanup.add('re-enable row-level security', () => setRowLevelSecurity(owner, true));
    return async () => {
      unregister();
      await setRowLevelSecurity(owner, true);
    };
  };

  // Fairness: both modes must return the very same rows, byte for byte.
  const bodyWithRls = await listProjectsBody(server, accessToken);
  const reenableAfterCheck = await disableRls();
  const bodyWithoutRls = await listProjectsBody(server, accessToken);
  await reenableAfterCheck();
  if (bodyWithRls !== bodyWithoutRls) {
    throw new Error(`GET ${PROJECTS_PATH} differs with RLS off:\n  on:  ${bodyWithRls}\n  off: ${bodyWithoutRls}`);
  }
  progress(`both modes return the same ${PROJECT_COUNT} projects`);

  const job: LoadJob = {
    url: `${server.baseUrl}${PROJECTS_PATH}`,
    token: accessToken,
    connections: options.connections,
    seconds: options.seconds,
    warmupSeconds: WARMUP_SECONDS,
    expectBody: bodyWithRls,
  };
  const plan = `${options.connections} connections, ${WARMUP_SECONDS} s warm-up + ${options.seconds} s measured`;

  progress(`warming the server up (RLS on, not measured): ${SERVER_WARMUP_SECONDS} s`);
  requireClean('warm-up', await runLoad({ ...job, seconds: SERVER_WARMUP_SECONDS, warmupSeconds: 1 }, cleanup), server);

  progress(`RLS on: ${plan}`);
  const rls = await runLoadWithCpu(job, cleanup, server, database.name);
  requireClean('RLS on', rls.result, server);

  const reenableAfterLoad = await disableRls();
  progress(`RLS off (disabled on ${RLS_TABLES.join(', ')}): ${plan}`);
  const noRls = await runLoadWithCpu(job, cleanup, server, database.name);
  requireClean('RLS off', noRls.result, server);
  await reenableAfterLoad();

  return {
    rls: rls.result,
    noRls: noRls.result,
    cpu: { rls: rls.cpu, noRls: noRls.cpu },
    connections: options.connections,
  };
}

process.exitCode = await runBench({
  usage: USAGE,
  parse: parseCliOptions,
  async run(options, cleanup) {
    const measured = await measure(options, cleanup);
    return [formatReport(measured), summaryLine(measured)];
  },
});
