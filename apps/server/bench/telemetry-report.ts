/** The telemetry bench's printed output: tables, the verdict against the goals, and a one-line JSON summary. */
import type { LatencySummary } from './histogram.ts';
import type { IngestBenchResult } from './ingest-bench.ts';
import { round, table } from './report.ts';
import type { ProbeAnswer } from './telemetry-protocol.ts';

export const TELEMETRY_GOALS = {
  /** Loads that must be sustained with zero loss and p95 ≤ maxP95Ms. */
  scenarios: [
    { agents: 5000, hz: 1 },
    { agents: 2000, hz: 10 },
  ],
  maxP95Ms: 100,
  /** "Sustained": at least this share of the offered rate sent, and of the sent rate stored. */
  minRateShare: 0.99,
  minBatchRowsPerSec: 50_000,
  minBatchToSingleRatio: 15,
} as const;

/** An event loop this busy is behind: it works through a backlog rather than the window's own messages. */
const SATURATED_ELU = 0.97;

/** Below this many agents their memory is lost in the server's RSS drift (tens of MiB). */
const RSS_MIN_AGENTS = 2000;

/** Above this much CPU (% of one core) used by other programs during the window, the report says so. */
const NOISY_OTHER_CPU_PCT = 20;

export interface CpuShares {
  /** Percent of one core over the window. */
  server: number;
  /** The server's kernel time (system calls: socket writes and reads), part of `server`. */
  serverSystem: number;
  postgres: number;
  agentWorkers: number;
  subscribers: number;
  /** Everything else on the machine (other programs, the kernel's share not charged to these). */
  other: number;
  /** The whole machine, percent of one core (cores × 100 = saturated). */
  machine: number;
  cores: number;
}

export interface TelemetryMeasured {
  agents: number;
  hz: number;
  subscribers: number;
  agentWorkers: number;
  poolSize: number;
  windowSeconds: number;
  warmupSeconds: number;
  enrolSeconds: number;
  connectSeconds: number;
  /** Samples with ts in the window: sent, acknowledged, stored (rows in the database). */
  window: { sent: number; acked: number; stored: number };
  /** The whole run, after the drain. */
  total: { sent: number; acked: number; stored: number; folded: number };
  deferred: number;
  skipped: number;
  sendFailures: number;
  agentCloses: Record<string, number>;
  subscriberCloses: Record<string, number>;
  serverErrors: number;
  latency: LatencySummary;
  /** Per subscriber: samples in the window it received (each should be window.stored). */
  fanOut: { min: number; max: number };
  ackLatency: LatencySummary;
  sendLag: LatencySummary;
  pingRtt: LatencySummary;
  cpu: CpuShares;
  /** V8 heap used right after a full GC: before seeding, and with every agent connected. */
  heapMiB: { before: number; connected: number };
  /**
   * Server RSS: before seeding (no agent yet) and with all agents connected, each right after a
   * full GC, and the mean and peak of 1 s samples over the window.
   */
  rss: { beforeKiB: number; connectedKiB: number; steadyKiB: number; peakKiB: number };
  probe: ProbeAnswer;
  /** Transactions committed per second in the bench database during the window. */
  commitsPerSec: number;
  ingest: IngestBenchResult;
  profileReport: string | null;
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const int = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '-');
const verdict = (met: boolean) => (met ? 'MET' : 'MISSED');
const closesText = (closes: Record<string, number>) =>
  Object.keys(closes).length === 0
    ? '0'
    : Object.entries(closes)
        .map(([code, count]) => `${count} x ${code}`)
        .join(', ');

export function derived(measured: TelemetryMeasured) {
  const seconds = measured.windowSeconds;
  const offered = measured.agents * measured.hz;
  const lost = measured.total.sent - measured.total.acked;
  const ratio =
    measured.ingest.single.rowsPerSec > 0 ? measured.ingest.batched.rowsPerSec / measured.ingest.single.rowsPerSec : 0;
  return {
    offered,
    sentPerSec: measured.window.sent / seconds,
    ackedPerSec: measured.window.acked / seconds,
    storedPerSec: measured.window.stored / seconds,
    lost,
    ratio,
    rssPerConnKB: (measured.rss.connectedKiB - measured.rss.beforeKiB) / measured.agents,
  };
}

function goalChecks(measured: TelemetryMeasured) {
  const d = derived(measured);
  const sustained =
    d.sentPerSec >= d.offered * TELEMETRY_GOALS.minRateShare &&
    d.storedPerSec >= d.sentPerSec * TELEMETRY_GOALS.minRateShare;
  const noLoss = d.lost === 0 && measured.total.folded === 0;
  const p95Met = measured.subscribers > 0 && measured.latency.p95 <= TELEMETRY_GOALS.maxP95Ms;
  const batchMet = measured.ingest.batched.rowsPerSec >= TELEMETRY_GOALS.minBatchRowsPerSec;
  const ratioMet = d.ratio >= TELEMETRY_GOALS.minBatchToSingleRatio;
  return { d, sustained, noLoss, p95Met, batchMet, ratioMet };
}

export function formatTelemetryReport(measured: TelemetryMeasured): string {
  const { d, sustained, noLoss, p95Met, batchMet, ratioMet } = goalChecks(measured);
  const m = measured;
  const latencyRow = (label: string, summary: LatencySummary) => [
    label,
    int(summary.count),
    fixed(summary.p50, 0),
    fixed(summary.p95, 0),
    fixed(summary.p99, 0),
    fixed(summary.max, 0),
  ];
  const scenario = TELEMETRY_GOALS.scenarios.find((goal) => m.agents >= goal.agents && m.hz >= goal.hz);
  const scope = scenario
    ? `this run meets or exceeds the goal load of ${int(scenario.agents)} agents at ${scenario.hz} Hz`
    : `this run is smaller than the goal loads (${TELEMETRY_GOALS.scenarios
        .map((goal) => `${int(goal.agents)} agents at ${goal.hz} Hz`)
        .join(', ')}); the checks below are for this load`;
  const checks = [sustained, noLoss, p95Met, batchMet, ratioMet];
  const missed = checks.filter((met) => !met).length;

  return [
    `Telemetry: ${int(m.agents)} agents at ${m.hz} Hz (offered ${int(d.offered)} msg/s), ${m.subscribers} subscribers, ` +
      `${m.agentWorkers} agent worker process(es), DATABASE_POOL_SIZE=${m.poolSize}; ` +
      `window ${m.windowSeconds} s after ${m.warmupSeconds} s warm-up`,
    `Setup: enrolled in ${fixed(m.enrolSeconds)} s (${int(m.agents / m.enrolSeconds)}/s), ` +
      `connected in ${fixed(m.connectSeconds)} s (${int(m.agents / m.connectSeconds)}/s)`,
    '',
    table([
      ['throughput (window)', 'samples', 'per s', 'of offered'],
      ['sent by agents', int(m.window.sent), fixed(d.sentPerSec), `${fixed((d.sentPerSec / d.offered) * 100)}%`],
      ['acknowledged', int(m.window.acked), fixed(d.ackedPerSec), `${fixed((d.ackedPerSec / d.offered) * 100)}%`],
      [
        'stored (rows in telemetry)',
        int(m.window.stored),
        fixed(d.storedPerSec),
        `${fixed((d.storedPerSec / d.offered) * 100)}%`,
      ],
      [
        'delivered to each subscriber',
        m.subscribers > 0 ? `${int(m.fanOut.min)}-${int(m.fanOut.max)}` : '-',
        m.subscribers > 0 ? fixed(m.fanOut.min / m.windowSeconds) : '-',
        m.subscribers > 0 ? `${fixed((m.fanOut.min / m.windowSeconds / d.offered) * 100)}%` : '-',
      ],
    ]),
    '',
    table([
      ['whole run (after drain)', 'count'],
      ['sent', int(m.total.sent)],
      ['acknowledged', int(m.total.acked)],
      ['lost (sent - acknowledged)', int(d.lost)],
      ['folded by the server (acked, not stored)', int(m.total.folded)],
      ['rows stored for the project', int(m.total.stored)],
      ['sends deferred / skipped (fold guard)', `${int(m.deferred)} / ${int(m.skipped)}`],
      ['sends without an open connection', int(m.sendFailures)],
      ['connections closed (agents / subscribers)', `${closesText(m.agentCloses)} / ${closesText(m.subscriberCloses)}`],
      ['server error frames', int(m.serverErrors)],
    ]),
    '',
    table([
      ['latency (window, ms)', 'count', 'p50', 'p95', 'p99', 'max'],
      latencyRow('agent send -> subscriber receive', m.latency),
      latencyRow('agent send -> ack (stored)', m.ackLatency),
      latencyRow('subscriber ping -> pong', m.pingRtt),
      latencyRow('agent send lateness vs schedule', m.sendLag),
    ]),
    '',
    table([
      ['resources (window)', 'value'],
      ['server CPU (100% = one core)', `${fixed(m.cpu.server)}%`],
      ['  of which kernel (system calls)', `${fixed(m.cpu.serverSystem)}%`],
      [
        'server CPU per message sent',
        m.probe.eventLoopUtilization >= SATURATED_ELU
          ? 'n/a: the server fell behind (event loop saturated)'
          : `${fixed((m.cpu.server * 10_000) / Math.max(1, d.sentPerSec))} µs`,
      ],
      ['server event loop busy (ELU)', `${fixed(m.probe.eventLoopUtilization * 100)}%`],
      [
        'server event loop delay p50 / p99 / max',
        // A saturated loop runs the monitor's timer too rarely to say anything: ping -> pong does.
        m.probe.eventLoopUtilization >= SATURATED_ELU
          ? 'n/a: loop saturated (see ping -> pong)'
          : `${fixed(m.probe.delayMs.p50)} / ${fixed(m.probe.delayMs.p99)} / ${fixed(m.probe.delayMs.max)} ms`,
      ],
      ['PostgreSQL CPU (bench DB backends + WAL/checkpoint)', `${fixed(m.cpu.postgres)}%`],
      [
        'database transactions/s (rows stored per transaction)',
        `${fixed(m.commitsPerSec)} (${fixed(d.storedPerSec / Math.max(1, m.commitsPerSec))})`,
      ],
      ['agent worker CPU (all)', `${fixed(m.cpu.agentWorkers)}%`],
      ['subscriber worker CPU', `${fixed(m.cpu.subscribers)}%`],
      ['everything else on the machine', `${fixed(m.cpu.other)}%`],
      ['machine busy', `${fixed(m.cpu.machine)}% of ${m.cpu.cores * 100}%`],
      [
        'server RSS after GC: before seeding / all agents connected',
        `${int(m.rss.beforeKiB / 1024)} / ${int(m.rss.connectedKiB / 1024)} MiB`,
      ],
      ['server RSS over the window: mean / peak', `${int(m.rss.steadyKiB / 1024)} / ${int(m.rss.peakKiB / 1024)} MiB`],
      [
        'server RSS per agent connection (after GC)',
        `${fixed(d.rssPerConnKB)} KiB${
          m.probe.eventLoopUtilization >= SATURATED_ELU
            ? ' (includes the backlog)'
            : m.agents < RSS_MIN_AGENTS
              ? ` (RSS drifts by tens of MiB: meaningful from ~${int(RSS_MIN_AGENTS)} agents)`
              : ''
        }`,
      ],
      [
        'server heap after GC: before / connected (per agent)',
        `${fixed(m.heapMiB.before)} / ${fixed(m.heapMiB.connected)} MiB ` +
          `(${fixed(((m.heapMiB.connected - m.heapMiB.before) * 1024) / m.agents)} KiB)`,
      ],
      ['server heap used at window end', `${fixed(m.probe.heapUsedMiB)} MiB`],
    ]),
    '',
    table([
      ['database write path (no server)', 'rows', 'rows/s', 'ms per statement', 'client CPU per row'],
      [
        `batched INGEST_SQL, 2000 rows/statement`,
        int(m.ingest.batched.rows),
        int(m.ingest.batched.rowsPerSec),
        fixed(m.ingest.batched.msPerStatement, 2),
        `${fixed(m.ingest.batched.clientCpuUsPerRow)} µs`,
      ],
      [
        'single-row INSERT, sequential',
        int(m.ingest.single.rows),
        int(m.ingest.single.rowsPerSec),
        fixed(m.ingest.single.msPerStatement, 2),
        `${fixed(m.ingest.single.clientCpuUsPerRow)} µs`,
      ],
      ['batched / single-row', '', `${fixed(d.ratio)}x`, '', ''],
    ]),
    '',
    `Goals: ${scope}.`,
    `  sustained: sent ${fixed(d.sentPerSec)}/s of ${int(d.offered)}/s offered, stored ${fixed(d.storedPerSec)}/s ` +
      `(goal >= ${TELEMETRY_GOALS.minRateShare * 100}% each): ${verdict(sustained)}`,
    `  zero loss: lost ${int(d.lost)}, folded ${int(m.total.folded)} (goal 0): ${verdict(noLoss)}`,
    `  latency: p95 agent send -> subscriber receive ${m.subscribers > 0 ? `${fixed(m.latency.p95, 0)} ms` : 'not measured (no subscribers)'} ` +
      `(goal <= ${TELEMETRY_GOALS.maxP95Ms} ms): ${verdict(p95Met)}`,
    `  batched ingest: ${int(m.ingest.batched.rowsPerSec)} rows/s (goal >= ${int(TELEMETRY_GOALS.minBatchRowsPerSec)}): ${verdict(batchMet)}`,
    `  batched vs single-row: ${fixed(d.ratio)}x (goal >= ${TELEMETRY_GOALS.minBatchToSingleRatio}x): ${verdict(ratioMet)}`,
    missed === 0 ? 'Verdict: all goals MET' : `Verdict: MISSED ${missed} of ${checks.length} goals`,
    ...(m.cpu.other > NOISY_OTHER_CPU_PCT
      ? [
          `Note: other programs used ${fixed(m.cpu.other)}% of a core during the window (machine ${fixed(m.cpu.machine)}% ` +
            `of ${m.cpu.cores * 100}%): latency and throughput here are pessimistic; rerun on a quiet machine.`,
        ]
      : []),
  ].join('\n');
}

/** The last line of the output, for scripts. */
export function telemetrySummaryLine(measured: TelemetryMeasured): string {
  const d = derived(measured);
  const ms = (value: number) => (Number.isFinite(value) ? value : null);
  return JSON.stringify({
    agents: measured.agents,
    hz: measured.hz,
    sentPerSec: round(d.sentPerSec, 1),
    storedPerSec: round(d.storedPerSec, 1),
    lost: d.lost,
    p50Ms: ms(measured.latency.p50),
    p95Ms: ms(measured.latency.p95),
    p99Ms: ms(measured.latency.p99),
    serverCpuPct: round(measured.cpu.server, 1),
    rssPerConnKB: round(d.rssPerConnKB, 1),
    batchRowsPerSec: Math.round(measured.ingest.batched.rowsPerSec),
    singleRowsPerSec: Math.round(measured.ingest.single.rowsPerSec),
  });
}
