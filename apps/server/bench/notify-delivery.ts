/**
 * The measurement of `npm run bench:notify`: a real server on a fresh PostgreSQL database delivers
 * transfer events to local webhook endpoints. Phase one (baseline): every endpoint healthy. Phase
 * two: one endpoint slow, one failing, the rest healthy. Each phase makes `rate` events a second
 * for `seconds`, then waits (up to `drainSeconds`) for the endpoints expected to get them all.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { connect, createBenchDatabase, redact, serverUrlFromEnv } from './bench-database.ts';
import { progress } from './bench-main.ts';
import type { Cleanup } from './cleanup.ts';
import { formatProfile, summariseProfile } from './cpu-profile.ts';
import { generateTransferEvents } from './event-generator.ts';
import { Histogram, type LatencySummary } from './histogram.ts';
import { seedNotifyBench } from './notify-seed.ts';
import { cpuSecondsOf, machineCpuSeconds, postgresPidsFor, readCpu } from './proc-stats.ts';
import { startServerProcess } from './server-process.ts';
import { type EndpointBehaviour, startWebhookReceivers, type WebhookEndpoint } from './webhook-receivers.ts';

const POOL_SIZE = 10;

export interface NotifyOptions {
  seconds: number;
  rate: number;
  endpoints: number;
  slowMs: number;
  drainSeconds: number;
  profile: boolean;
}

export interface EndpointGroupFigures {
  endpoints: number;
  expected: number;
  delivered: number;
  /** Not delivered by the end of the drain but still queued in the server: sent later, not lost. */
  queued: number;
  /** Neither delivered nor queued. */
  lost: number;
  latency: LatencySummary;
}

export interface PhaseResult {
  name: 'baseline' | 'slow and failing';
  events: number;
  generatorMaxLagMs: number;
  healthy: EndpointGroupFigures;
  slow: EndpointGroupFigures | null;
  failing: { requests: number; events: number; retries: number } | null;
  duplicates: number;
  /** From the last event's commit until every healthy endpoint had every event (null: not within the drain). */
  healthyDrainedSeconds: number | null;
  /** Requests the endpoints got over the phase (attempts, retries included), and per second of generating. */
  attempts: number;
  attemptsPerSecond: number;
  serverCpuMsPerAttempt: number;
  postgresCpuMsPerAttempt: number;
  /** Both, in % of one core, over the phase (generating + drain). */
  serverCpuPercent: number;
  postgresCpuPercent: number;
  /** The whole machine's busy CPU over the phase, in % of all its cores (other work shares them). */
  machineBusyPercent: number;
  /** This process (the endpoints and the event generator), in % of one core. */
  benchCpuPercent: number;
  /** PostgreSQL checkpoints that began during the phase (each phase starts right after one). */
  checkpoints: number;
  /** WAL PostgreSQL wrote during the phase (all its databases: other work adds to it). */
  walMegabytes: number;
}

export interface NotifyResult {
  options: NotifyOptions;
  phases: PhaseResult[];
  signaturesChecked: number;
  signaturesBad: number;
  malformed: number;
  /** Outbox events the bench did not cause (should be 0: only the flipped transfers make events). */
  strayEvents: number;
  /** The server's own record at the end: deliveries by status and attempt rows (the attempt log). */
  deliveriesByStatus: Record<string, number>;
  attemptRows: number;
  requestsReceived: number;
}

export async function measureNotifyDelivery(options: NotifyOptions, cleanup: Cleanup): Promise<NotifyResult> {
  const serverUrl = serverUrlFromEnv(process.env);
  const database = await createBenchDatabase(serverUrl);
  cleanup.add(`drop database ${database.name}`, () => database.drop());
  progress(`created database ${database.name} on ${redact(serverUrl)}`);
  const receivers = await startWebhookReceivers(options.endpoints);
  cleanup.add('close the webhook receivers', () => receivers.close());
  const profileDir = options.profile ? mkdtempSync(join(tmpdir(), 'tcpa-notify-prof-')) : undefined;
  if (profileDir) cleanup.add('remove the profile folder', async () => rmSync(profileDir, { recursive: true }));
  const server = await startServerProcess(
    {
      databaseUrl: database.url,
      poolSize: POOL_SIZE,
      env: { OUTBOUND_ALLOW_HOSTS: '127.0.0.1', TCPA_SECRET_KEY: randomBytes(32).toString('base64') },
      spawn: profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {},
    },
    (started) => cleanup.add('stop the server', () => started.stop()),
  );
  progress(`server up at ${server.baseUrl}, pool of ${POOL_SIZE}`);
  const owner = await connect(database.url);
  cleanup.add('close the owner connection', () => owner.end());
  const perPhase = options.rate * options.seconds;
  const seeded = await seedNotifyBench(server.baseUrl, owner, receivers.endpoints, perPhase * 2);
  progress(`seeded ${options.endpoints} webhook channels and ${seeded.transferIds.length} paused transfers`);
  await sleep(1000);

  const endpoints = receivers.endpoints;
  const slow = endpoints.at(-2) as WebhookEndpoint;
  const failing = endpoints.at(-1) as WebhookEndpoint;
  const phases: PhaseResult[] = [];
  phases.push(
    await runPhase('baseline', owner, seeded.transferIds.slice(0, perPhase), endpoints, [], options, server.pid),
  );
  slow.behaviour = { kind: 'slow', delayMs: options.slowMs } satisfies EndpointBehaviour;
  failing.behaviour = { kind: 'failing' };
  phases.push(
    await runPhase(
      'slow and failing',
      owner,
      seeded.transferIds.slice(perPhase),
      endpoints.filter((endpoint) => endpoint !== slow && endpoint !== failing),
      [slow, failing],
      options,
      server.pid,
    ),
  );

  const { rows: statusRows } = await owner.query<{ status: string; n: number }>(
    'select status, count(*)::int as n from notification_deliveries group by status order by status',
  );
  const { rows: counts } = await owner.query<{ attempts: number; events: number }>(
    `select (select count(*)::int from notification_delivery_attempts) as attempts,
       (select count(*)::int from outbox_events) as events`,
  );
  const requestsReceived = endpoints.reduce((sum, endpoint) => sum + endpoint.tally.requests, 0);
  await server.stop(30_000);
  if (profileDir) {
    const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
    if (file) progress(`server CPU profile:\n${formatProfile(summariseProfile(join(profileDir, file)), 25)}`);
  }
  const tallies = endpoints.map((endpoint) => endpoint.tally);
  return {
    options,
    phases,
    signaturesChecked: tallies.reduce((sum, tally) => sum + tally.signaturesChecked, 0),
    signaturesBad: tallies.reduce((sum, tally) => sum + tally.signaturesBad, 0),
    malformed: tallies.reduce((sum, tally) => sum + tally.malformed, 0),
    strayEvents: (counts[0]?.events ?? 0) - seeded.transferIds.length,
    deliveriesByStatus: Object.fromEntries(statusRows.map((row) => [row.status, row.n])),
    attemptRows: counts[0]?.attempts ?? 0,
    requestsReceived,
  };
}

const cpuOf = (pid: number) => cpuSecondsOf(pid) ?? 0;
const requestsOf = (endpoints: WebhookEndpoint[]) => endpoints.reduce((sum, e) => sum + e.tally.requests, 0);
const duplicatesOf = (endpoints: WebhookEndpoint[]) =>
  endpoints.reduce((sum, e) => sum + [...e.tally.answeredOk.values()].reduce((n, count) => n + count - 1, 0), 0);
const receivedAll = (endpoint: WebhookEndpoint, keys: readonly string[]) =>
  keys.every((key) => endpoint.tally.firstReceipt.has(key));

async function runPhase(
  name: PhaseResult['name'],
  owner: pg.Client,
  transferIds: readonly string[],
  healthy: WebhookEndpoint[],
  troubled: [WebhookEndpoint, WebhookEndpoint] | [],
  options: NotifyOptions,
  serverPid: number,
): Promise<PhaseResult> {
  const all = [...healthy, ...troubled];
  const [slow, failing] = troubled;
  progress(`phase "${name}": ${options.rate} events/s for ${options.seconds} s to ${all.length} endpoints`);
  const duplicatesBefore = duplicatesOf(all);
  const requestsBefore = requestsOf(all);
  const failingBefore = failing?.tally.requests ?? 0;
  // Both phases start right after a checkpoint: else the second pays for the first's WAL (a
  // checkpoint it falls into makes every page's first change a full-page write).
  await owner.query('checkpoint');
  const walBefore = await walState(owner);
  const postgresBefore = readCpu(postgresPidsFor(owner.database ?? ''));
  const serverBefore = cpuOf(serverPid);
  const machineBefore = machineCpuSeconds();
  const benchBefore = process.cpuUsage();
  const started = performance.now();
  const generated = await generateTransferEvents(owner, transferIds, options.rate);
  const generatedAt = performance.now();
  progress(`  ${generated.keys.length} events made (generator at most ${generated.maxLagMs.toFixed(0)} ms behind)`);

  // Healthy endpoints must get everything within the drain; the slow one is given the same time.
  const mustFinish = slow ? [...healthy, slow] : healthy;
  const drainUntil = generatedAt + options.drainSeconds * 1000;
  let healthyDrainedSeconds: number | null = null;
  while (performance.now() < drainUntil) {
    if (healthyDrainedSeconds === null && healthy.every((endpoint) => receivedAll(endpoint, generated.keys))) {
      healthyDrainedSeconds = (performance.now() - generatedAt) / 1000;
    }
    if (healthyDrainedSeconds !== null && mustFinish.every((endpoint) => receivedAll(endpoint, generated.keys))) break;
    await sleep(200);
  }
  const windowSeconds = (performance.now() - started) / 1000;
  const serverCpu = cpuOf(serverPid) - serverBefore;
  const machineAfter = machineCpuSeconds();
  const benchCpu = process.cpuUsage(benchBefore);
  const postgresAfter = readCpu([...postgresBefore.seconds.keys(), ...postgresPidsFor(owner.database ?? '')]);
  let postgresCpu = 0;
  for (const [pid, seconds] of postgresAfter.seconds) postgresCpu += seconds - (postgresBefore.seconds.get(pid) ?? 0);
  const attempts = requestsOf(all) - requestsBefore;
  const walAfter = await walState(owner);
  progress(
    `  healthy endpoints ${healthyDrainedSeconds === null ? 'NOT all delivered' : `all delivered ${healthyDrainedSeconds.toFixed(1)} s after the last event`}`,
  );
  // The failing endpoint answers 500 only in this phase: each webhook-id it saw is one delivery tried.
  const failingEvents = failing?.tally.errorIds.size ?? 0;
  return {
    name,
    events: generated.keys.length,
    generatorMaxLagMs: generated.maxLagMs,
    healthy: groupFigures(healthy, generated.keys, await stillQueued(owner, healthy)),
    slow: slow ? groupFigures([slow], generated.keys, await stillQueued(owner, [slow])) : null,
    failing: failing
      ? {
          requests: failing.tally.requests - failingBefore,
          events: failingEvents,
          retries: failing.tally.requests - failingBefore - failingEvents,
        }
      : null,
    duplicates: duplicatesOf(all) - duplicatesBefore,
    healthyDrainedSeconds,
    attempts,
    attemptsPerSecond: attempts / ((generatedAt - started) / 1000),
    serverCpuMsPerAttempt: attempts > 0 ? (serverCpu * 1000) / attempts : 0,
    postgresCpuMsPerAttempt: attempts > 0 ? (postgresCpu * 1000) / attempts : 0,
    serverCpuPercent: (serverCpu / windowSeconds) * 100,
    postgresCpuPercent: (postgresCpu / windowSeconds) * 100,
    benchCpuPercent: ((benchCpu.user + benchCpu.system) / 1e6 / windowSeconds) * 100,
    machineBusyPercent:
      ((machineAfter.busy - machineBefore.busy) / Math.max(1e-9, machineAfter.total - machineBefore.total)) * 100,
    checkpoints: walAfter.checkpoints - walBefore.checkpoints,
    walMegabytes: Number(walAfter.lsn - walBefore.lsn) / 1e6,
  };
}

async function walState(owner: pg.Client): Promise<{ checkpoints: number; lsn: bigint }> {
  const { rows } = await owner.query<{ checkpoints: number; lsn: string }>(
    `select (checkpoints_timed + checkpoints_req)::int as checkpoints,
       (pg_current_wal_lsn() - '0/0'::pg_lsn)::text as lsn
     from pg_stat_bgwriter`,
  );
  const row = rows[0];
  return { checkpoints: row?.checkpoints ?? 0, lsn: BigInt((row?.lsn ?? '0').split('.')[0] ?? '0') };
}

/** The endpoints' deliveries the server still has pending that they have not answered for: sent later. */
async function stillQueued(owner: pg.Client, endpoints: WebhookEndpoint[]): Promise<number> {
  let queued = 0;
  for (const endpoint of endpoints) {
    const { rows } = await owner.query<{ id: string }>(
      `select id from notification_deliveries where channel_id = $1 and status = 'pending'`,
      [endpoint.channelId],
    );
    queued += rows.filter((row) => !endpoint.tally.answeredOk.has(row.id)).length;
  }
  return queued;
}

function groupFigures(endpoints: WebhookEndpoint[], keys: readonly string[], queued = 0): EndpointGroupFigures {
  const histogram = new Histogram();
  let delivered = 0;
  for (const endpoint of endpoints) {
    for (const key of keys) {
      const receipt = endpoint.tally.firstReceipt.get(key);
      if (!receipt) continue;
      delivered++;
      histogram.record(receipt.latencyMs);
    }
  }
  const expected = keys.length * endpoints.length;
  return {
    endpoints: endpoints.length,
    expected,
    delivered,
    queued,
    lost: expected - delivered - queued,
    latency: histogram.summary(),
  };
}
