/**
 * `npm run bench:telemetry -- --agents N --hz H --seconds S [--subscribers M]`: the realtime
 * telemetry path end to end, against a real PostgreSQL.
 *
 * Creates a throwaway database, starts the control plane in its own process (with a preloaded
 * probe for event-loop measurements, server-probe.ts), seeds a company on Enterprise with one
 * project and N enrolled agents through the API, then:
 * 1. M dashboard subscribers (subscriber-worker.ts, its own process) subscribe to the project;
 * 2. N simulated agents (agent-fleet-worker.ts, one or more processes) connect with the agent's
 *    own ControlChannel and signed assertions, and send one sample per message at H Hz each;
 * 3. after a warm-up, a window of S seconds is measured: samples sent, acknowledged, stored,
 *    send → subscriber latency, server CPU and memory (/proc), PostgreSQL CPU, event loop;
 * 4. sends stop, acks are drained (lost = sent − acked), the agents disconnect;
 * 5. the database write path is measured on its own (ingest-bench.ts).
 * Progress goes to stderr; stdout gets the tables, the verdict and, as its last line, a JSON
 * summary (exit codes: bench-main.ts).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { REALTIME_PATH } from '@tcpa/contracts';
import type pg from 'pg';
import { connect, createBenchDatabase, redact, serverUrlFromEnv } from './bench-database.ts';
import { progress, runBench } from './bench-main.ts';
import { REPO_ROOT } from './child-process.ts';
import type { Cleanup } from './cleanup.ts';
import { formatProfile, summariseProfile } from './cpu-profile.ts';
import { Histogram } from './histogram.ts';
import { benchIngestPaths } from './ingest-bench.ts';
import {
  type CpuReading,
  cpuPercentBetween,
  cpuTimesOf,
  machineCpuSeconds,
  postgresPidsFor,
  readCpu,
  rssKiBOf,
} from './proc-stats.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';
import { agentWorkersFor, parseTelemetryOptions, TELEMETRY_USAGE, type TelemetryOptions } from './telemetry-cli.ts';
import {
  type FleetReport,
  type FromFleet,
  FromFleetSchema,
  type FromSubscribers,
  FromSubscribersSchema,
  PROBE_ANSWER_FILE,
  PROBE_COMMAND_FILE,
  PROBE_DIR_ENV,
  type ProbeAnswer,
  ProbeAnswerSchema,
  type ProbeCommand,
  type SubscriberReport,
  type ToFleet,
  type ToSubscribers,
  type Window,
} from './telemetry-protocol.ts';
import { formatTelemetryReport, type TelemetryMeasured, telemetrySummaryLine } from './telemetry-report.ts';
import { seedFleet } from './telemetry-seed.ts';
import { startWorker, type Worker } from './worker-ipc.ts';

const FLEET_WORKER = 'apps/server/bench/agent-fleet-worker.ts';
const SUBSCRIBER_WORKER = 'apps/server/bench/subscriber-worker.ts';
const PROBE = pathToFileURL(join(REPO_ROOT, 'apps/server/bench/server-probe.ts')).href;

/** WebSocket handshakes in flight at once, per agent worker. */
const CONNECT_CONCURRENCY = 64;
const CONNECT_TIMEOUT_MS = 180_000;
/** Between telling the workers the schedule and its first send. */
const START_DELAY_MS = 1000;
/** Sends go on this long after the window, so that its last samples see the same load. */
const TAIL_MS = 1000;
/** A backlogged server can stall for seconds between acks: give up only after 10 s without one. */
const DRAIN = { quietMs: 10_000, maxMs: 180_000 };
/** File descriptors beyond one per socket (pool, pipes, libraries). */
const SPARE_FILES = 1024;

type FleetWorker = Worker<ToFleet, FromFleet>;
type SubscriberWorker = Worker<ToSubscribers, FromSubscribers>;

const sleepUntil = (epochMs: number) => sleep(Math.max(0, epochMs - Date.now()));

/** Asks the server probe (server-probe.ts) to act and waits for its answer. */
class ProbeClient {
  private n = 0;
  constructor(
    private readonly dir: string,
    private readonly pid: number,
    private readonly profile: boolean,
  ) {}

  async command(action: ProbeCommand['action']): Promise<ProbeAnswer> {
    const command: ProbeCommand = { n: ++this.n, action, profile: this.profile };
    await writeFile(join(this.dir, PROBE_COMMAND_FILE), JSON.stringify(command));
    process.kill(this.pid, 'SIGUSR2');
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await sleep(20);
      let text: string;
      try {
        text = await readFile(join(this.dir, PROBE_ANSWER_FILE), 'utf8');
      } catch {
        continue;
      }
      const answer = ProbeAnswerSchema.parse(JSON.parse(text));
      if (answer.n !== command.n) continue;
      if (answer.error) throw new Error(`the server probe failed on ${action}: ${answer.error}`);
      return answer;
    }
    throw new Error(`the server probe did not answer ${action} within 60 s`);
  }
}

interface Resources {
  server: CpuReading;
  serverTimes: { user: number; system: number };
  postgres: CpuReading;
  agentWorkers: CpuReading;
  subscribers: CpuReading;
  machine: { busy: number; total: number; at: number };
}

function readResources(pids: { server: number; database: string; fleets: number[]; subscribers: number[] }): Resources {
  return {
    server: readCpu([pids.server]),
    serverTimes: cpuTimesOf(pids.server) ?? { user: 0, system: 0 },
    postgres: readCpu(postgresPidsFor(pids.database)),
    agentWorkers: readCpu(pids.fleets),
    subscribers: readCpu(pids.subscribers),
    machine: { ...machineCpuSeconds(), at: performance.now() },
  };
}

function cpuBetween(before: Resources, after: Resources): TelemetryMeasured['cpu'] {
  const cores = cpus().length;
  const elapsed = (after.machine.at - before.machine.at) / 1000;
  const machine = ((after.machine.busy - before.machine.busy) / elapsed) * 100;
  const server = cpuPercentBetween(before.server, after.server);
  const postgres = cpuPercentBetween(before.postgres, after.postgres);
  const agentWorkers = cpuPercentBetween(before.agentWorkers, after.agentWorkers);
  const subscribers = cpuPercentBetween(before.subscribers, after.subscribers);
  const other = Math.max(0, machine - server - postgres - agentWorkers - subscribers);
  const serverSystem = ((after.serverTimes.system - before.serverTimes.system) / elapsed) * 100;
  return { server, serverSystem, postgres, agentWorkers, subscribers, other, machine, cores };
}

async function startSubscribers(
  options: TelemetryOptions,
  cleanup: Cleanup,
  init: Omit<Extract<ToSubscribers, { type: 'init' }>, 'type' | 'subscribers'>,
): Promise<SubscriberWorker | undefined> {
  if (options.subscribers === 0) return undefined;
  const worker: SubscriberWorker = startWorker(SUBSCRIBER_WORKER, 'subscriber worker', FromSubscribersSchema, cleanup, {
    openFiles: options.subscribers + SPARE_FILES,
  });
  worker.send({ type: 'init', ...init, subscribers: options.subscribers });
  await worker.next('ready', 60_000);
  return worker;
}

/** Stops a worker politely (it closes its sockets), forcefully after a while. */
async function closeWorker(worker: {
  send(message: { type: 'close' }): void;
  exited: Promise<unknown>;
  stop(): Promise<void>;
}) {
  worker.send({ type: 'close' });
  const exited = await Promise.race([worker.exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!exited) await worker.stop();
}

function sumFleetReports(reports: FleetReport[]) {
  const sum = (pick: (report: FleetReport) => number) => reports.reduce((total, report) => total + pick(report), 0);
  const closes: Record<string, number> = {};
  const sendLag = new Histogram();
  const ackLatency = new Histogram();
  for (const report of reports) {
    for (const [code, count] of Object.entries(report.closes)) closes[code] = (closes[code] ?? 0) + count;
    sendLag.add(report.sendLag);
    ackLatency.add(report.ackLatency);
  }
  return {
    sent: sum((report) => report.sent),
    acked: sum((report) => report.acked),
    folded: sum((report) => report.folded),
    sentInWindow: sum((report) => report.sentInWindow),
    ackedInWindow: sum((report) => report.ackedInWindow),
    deferred: sum((report) => report.deferred),
    skipped: sum((report) => report.skipped),
    sendFailures: sum((report) => report.sendFailures),
    serverErrors: sum((report) => report.serverErrors),
    closes,
    sendLag: sendLag.summary(),
    ackLatency: ackLatency.summary(),
  };
}

async function countStored(owner: pg.Client, projectId: string, window?: Window): Promise<number> {
  const range = window ? 'and ts >= to_timestamp($2 / 1000.0) and ts < to_timestamp($3 / 1000.0)' : '';
  const { rows } = await owner.query<{ count: string }>(
    `select count(*) from telemetry where project_id = $1 ${range}`,
    window ? [projectId, window.windowStart, window.windowEnd] : [projectId],
  );
  return Number(rows[0]?.count ?? 0);
}

/**
 * Transactions committed in the bench database so far (PostgreSQL's statistics, which backends
 * report about once a second): over the window, mostly the server's telemetry batches.
 */
async function committedTransactions(owner: pg.Client): Promise<number> {
  const { rows } = await owner.query<{ commits: string }>(
    'select xact_commit as commits from pg_stat_database where datname = current_database()',
  );
  return Number(rows[0]?.commits ?? 0);
}

/** Waits until the server has marked every agent offline (its presence updates after they disconnect). */
async function waitForAgentsOffline(owner: pg.Client, projectId: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { rows } = await owner.query<{ count: string }>(
      'select count(*) from agents where project_id = $1 and online',
      [projectId],
    );
    if (Number(rows[0]?.count ?? 0) === 0) return;
    await sleep(250);
  }
  progress('some agents still show online after 60 s; measuring the database anyway');
}

async function measure(options: TelemetryOptions, cleanup: Cleanup): Promise<TelemetryMeasured> {
  const serverUrl = serverUrlFromEnv(process.env);
  const database = await createBenchDatabase(serverUrl);
  cleanup.add(`drop database ${database.name}`, () => database.drop());
  progress(`created database ${database.name} on ${redact(serverUrl)}`);

  const probeDir = await mkdtemp(join(tmpdir(), 'tcpa-telemetry-bench-'));
  cleanup.add('remove the probe directory', async () => {
    if (!options.profile) await rm(probeDir, { recursive: true, force: true });
  });

  const server: ServerProcess = await startServerProcess(
    {
      databaseUrl: database.url,
      poolSize: options.poolSize,
      env: { [PROBE_DIR_ENV]: probeDir },
      spawn: {
        nodeArgs: ['--expose-gc'],
        preloads: ['--import', PROBE],
        openFiles: options.agents + options.subscribers + SPARE_FILES,
      },
    },
    // A graceful stop marks every connected agent offline: give it time.
    (started) => cleanup.add('stop the server', () => started.stop(15_000)),
  );
  progress(`server up at ${server.baseUrl} (pid ${server.pid}, DATABASE_POOL_SIZE=${options.poolSize})`);
  const probe = new ProbeClient(probeDir, server.pid, options.profile);
  // Live memory before anything is seeded (what seeding allocates is not returned to the system
  // in time to measure later): the baseline of the per-connection figures.
  const before = await probe.command('gc');

  const owner = await connect(database.url);
  cleanup.add('close the owner connection', () => owner.end());
  progress(`enrolling ${options.agents} agents…`);
  const fleet = await seedFleet(server.baseUrl, owner, options.agents, progress);
  progress(
    `seeded: plan ${fleet.planId} (telemetry interval ${fleet.telemetryIntervalMs} ms), ${options.agents} agents ` +
      `enrolled in ${fleet.enrolSeconds.toFixed(1)} s`,
  );
  if (fleet.telemetryIntervalMs * 0.8 > 1000 / options.hz) {
    throw new Error(
      `the plan's telemetry interval is ${fleet.telemetryIntervalMs} ms: the server would fold samples sent at ${options.hz} Hz`,
    );
  }

  const wsUrl = `${server.baseUrl.replace(/^http/, 'ws')}${REALTIME_PATH}`;
  const subscribers = await startSubscribers(options, cleanup, {
    wsUrl,
    accessToken: fleet.accessToken,
    projectId: fleet.projectId,
  });
  if (subscribers) progress(`${options.subscribers} subscribers watching the project`);

  await sleep(1000);

  // Agents: phases spread evenly over the period, dealt round-robin so every worker's are too.
  const workerCount = Math.min(agentWorkersFor(options), options.agents);
  const periodMs = 1000 / options.hz;
  const specs = fleet.agents.map((agent, index) => ({ ...agent, phaseMs: (index / options.agents) * periodMs }));
  const fleets: FleetWorker[] = Array.from({ length: workerCount }, (_, index) =>
    startWorker(FLEET_WORKER, `agent worker ${index + 1}`, FromFleetSchema, cleanup, {
      openFiles: Math.ceil(options.agents / workerCount) + SPARE_FILES,
      nodeArgs: ['--max-old-space-size=2048'],
    }),
  );
  const connectStarted = performance.now();
  for (const [index, worker] of fleets.entries()) {
    worker.send({
      type: 'init',
      wsUrl,
      hz: options.hz,
      connectConcurrency: CONNECT_CONCURRENCY,
      agents: specs.filter((_, agent) => agent % workerCount === index),
    });
  }
  const connected = await Promise.all(fleets.map((worker) => worker.next('connected', CONNECT_TIMEOUT_MS)));
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  const failed = connected.reduce((sum, result) => sum + result.failed, 0);
  if (failed > 0) {
    const reasons = [...new Set(connected.flatMap((result) => result.reasons))].join('; ');
    throw new Error(
      `${failed} of ${options.agents} agents did not connect: ${reasons}\n  server output:\n${server.tail()}`,
    );
  }
  progress(`${options.agents} agents connected in ${connectSeconds.toFixed(1)} s over ${workerCount} worker(s)`);

  // The schedule.
  const t0 = Date.now() + START_DELAY_MS;
  const window: Window = {
    windowStart: t0 + options.warmup * 1000,
    windowEnd: t0 + (options.warmup + options.seconds) * 1000,
  };
  const stopAt = window.windowEnd + TAIL_MS;
  subscribers?.send({ type: 'window', window });
  for (const worker of fleets) worker.send({ type: 'start', t0, stopAt, window });
  const lastProgress = new Map<FleetWorker, { sent: number; acked: number }>();
  for (const worker of fleets) {
    worker.onMessage((message) => {
      if (message.type === 'progress') lastProgress.set(worker, message);
    });
  }
  let previous = { sent: 0, acked: 0, at: performance.now() };
  const progressTimer = setInterval(() => {
    const now = { sent: 0, acked: 0, at: performance.now() };
    for (const value of lastProgress.values()) {
      now.sent += value.sent;
      now.acked += value.acked;
    }
    const seconds = (now.at - previous.at) / 1000;
    const phase = Date.now() < window.windowStart ? 'warm-up' : Date.now() < window.windowEnd ? 'window' : 'tail';
    progress(
      `${phase}: sending ${((now.sent - previous.sent) / seconds).toFixed(0)}/s, ` +
        `acked ${((now.acked - previous.acked) / seconds).toFixed(0)}/s, unacked ${now.sent - now.acked}, ` +
        `server RSS ${((rssKiBOf(server.pid) ?? 0) / 1024).toFixed(0)} MiB`,
    );
    previous = now;
  }, 5000);
  cleanup.add('stop the progress timer', async () => clearInterval(progressTimer));
  progress(
    `sending from ${new Date(t0).toISOString()}: ${options.warmup} s warm-up, ${options.seconds} s window, ` +
      `${options.agents * options.hz} msg/s offered`,
  );

  const pids = {
    server: server.pid,
    database: database.name,
    fleets: fleets.map((worker) => worker.pid),
    subscribers: subscribers ? [subscribers.pid] : [],
  };
  await sleepUntil(window.windowStart);
  const commitsAtStart = await committedTransactions(owner);
  const startReading = readResources(pids);
  await probe.command('window-start');
  const rssSamples: number[] = [];
  const rssTimer = setInterval(() => rssSamples.push(rssKiBOf(server.pid) ?? 0), 1000);
  await sleepUntil(window.windowEnd);
  const endReading = readResources(pids);
  const commitsAtEnd = await committedTransactions(owner);
  clearInterval(rssTimer);
  rssSamples.push(rssKiBOf(server.pid) ?? 0);
  const probeAnswer = await probe.command('window-end');
  // Live memory with every agent connected (sends go on for the tail: the window is measured).
  const afterConnect = await probe.command('gc');

  await sleepUntil(stopAt);
  clearInterval(progressTimer);
  progress('window over; draining acknowledgements…');
  for (const worker of fleets) worker.send({ type: 'drain', ...DRAIN });
  const fleetTotals = sumFleetReports(
    await Promise.all(fleets.map((worker) => worker.next('report', DRAIN.maxMs + 30_000))),
  );
  await sleep(500); // fan-out happens before storage, but give the last frames a moment
  let subscriberReport: SubscriberReport | undefined;
  if (subscribers) {
    subscribers.send({ type: 'report' });
    subscriberReport = await subscribers.next('report', 30_000);
  }
  const [storedInWindow, storedTotal] = await Promise.all([
    countStored(owner, fleet.projectId, window),
    countStored(owner, fleet.projectId),
  ]);

  progress('disconnecting agents and subscribers…');
  await Promise.all([...fleets, ...(subscribers ? [subscribers] : [])].map((worker) => closeWorker(worker)));
  await waitForAgentsOffline(owner, fleet.projectId);

  progress(`database write path: batched vs single-row, ${options.dbSeconds} s each…`);
  const ingest = await benchIngestPaths(
    database.url,
    fleet.agents.map((agent) => ({ agentId: agent.agentId, companyId: fleet.companyId, projectId: fleet.projectId })),
    { seconds: options.dbSeconds, poolSize: options.poolSize },
  );

  let profileReport: string | null = null;
  if (probeAnswer.profilePath) {
    profileReport = `${formatProfile(summariseProfile(probeAnswer.profilePath))}\n(profile: ${probeAnswer.profilePath})`;
  }

  const latency = new Histogram();
  const pingRtt = new Histogram();
  if (subscriberReport) {
    latency.add(subscriberReport.latency);
    pingRtt.add(subscriberReport.pingRtt);
  }
  const fanOutCounts = subscriberReport?.perSubscriber.map((counts) => counts.samplesInWindow) ?? [];
  const steady = rssSamples.length > 0 ? rssSamples.reduce((sum, value) => sum + value, 0) / rssSamples.length : 0;
  return {
    agents: options.agents,
    hz: options.hz,
    subscribers: options.subscribers,
    agentWorkers: workerCount,
    poolSize: options.poolSize,
    windowSeconds: options.seconds,
    warmupSeconds: options.warmup,
    enrolSeconds: fleet.enrolSeconds,
    connectSeconds,
    window: { sent: fleetTotals.sentInWindow, acked: fleetTotals.ackedInWindow, stored: storedInWindow },
    total: { sent: fleetTotals.sent, acked: fleetTotals.acked, stored: storedTotal, folded: fleetTotals.folded },
    deferred: fleetTotals.deferred,
    skipped: fleetTotals.skipped,
    sendFailures: fleetTotals.sendFailures,
    agentCloses: fleetTotals.closes,
    subscriberCloses: subscriberReport?.closes ?? {},
    serverErrors: fleetTotals.serverErrors + (subscriberReport?.serverErrors ?? 0),
    latency: latency.summary(),
    fanOut: { min: Math.min(...fanOutCounts), max: Math.max(...fanOutCounts) },
    ackLatency: fleetTotals.ackLatency,
    sendLag: fleetTotals.sendLag,
    pingRtt: pingRtt.summary(),
    cpu: cpuBetween(startReading, endReading),
    heapMiB: { before: before.heapUsedMiB, connected: afterConnect.heapUsedMiB },
    rss: {
      beforeKiB: before.rssKiB,
      connectedKiB: afterConnect.rssKiB,
      steadyKiB: steady,
      peakKiB: Math.max(...rssSamples),
    },
    probe: probeAnswer,
    // The owner's own two statistics queries are not the server's.
    commitsPerSec: Math.max(0, commitsAtEnd - commitsAtStart - 2) / options.seconds,
    ingest,
    profileReport,
  };
}

process.exitCode = await runBench({
  usage: TELEMETRY_USAGE,
  parse: parseTelemetryOptions,
  async run(options, cleanup) {
    const measured = await measure(options, cleanup);
    return [
      ...(measured.profileReport ? [measured.profileReport, ''] : []),
      formatTelemetryReport(measured),
      telemetrySummaryLine(measured),
    ];
  },
});
