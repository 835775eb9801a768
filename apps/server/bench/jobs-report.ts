/** What `npm run bench:jobs` prints: a table per part, the verdicts, and a one-line JSON summary last. */
import type { PlanningResult } from './mirror-planning.ts';
import { round, table } from './report.ts';
import type { FiringResult } from './scheduler-firing.ts';

export const JOBS_GOALS = { maxP99LatenessMs: 2000, minRatioRsync: 1 } as const;

const verdict = (met: boolean) => (met ? 'MET' : 'MISSED');

export function formatFiring(a: FiringResult): string[] {
  const outcomes = Object.entries(a.outcomes).map(([outcome, n]) => [`  runs ${outcome}`, String(n)]);
  const exact = a.fired === a.schedules && a.duplicates === 0 && a.missed === 0;
  return [
    `A. ${a.schedules} schedules due in one minute, ${a.servers} servers on one PostgreSQL, the jobs' agents ${a.agentStatus} and never connected`,
    table([
      ['figure', 'value'],
      ['fired (one run per schedule and fire time)', String(a.fired)],
      ['duplicates', String(a.duplicates)],
      ['missed (no run within 120 s of the fire time)', String(a.missed)],
      ['lateness p50 ms (run created_at - fire time)', a.p50LatenessMs.toFixed(0)],
      ['lateness p99 ms', a.p99LatenessMs.toFixed(0)],
      ['lateness max ms', a.maxLatenessMs.toFixed(0)],
      ['last run committed, s after the fire time', a.allCommittedSeconds.toFixed(1)],
      ['server CPU ms per firing (both, less idle)', a.cpuMsPerFiring.toFixed(2)],
      ['PostgreSQL CPU ms per firing', a.postgresCpuMsPerFiring.toFixed(2)],
      ['idle server CPU ms per second (baseline)', a.idleServerCpuMsPerSecond.toFixed(1)],
      ...outcomes,
    ]),
    'A run "started" queued its transfer (the agents never connect, so it waits); "skipped" ones name why; created_at is the start of the claiming transaction (batches of 500).',
    `Exactly once: ${verdict(exact)}; p99 lateness ${a.p99LatenessMs.toFixed(0)} ms (goal <= ${JOBS_GOALS.maxP99LatenessMs}): ${verdict(a.p99LatenessMs <= JOBS_GOALS.maxP99LatenessMs)}`,
  ];
}

export const ratioRsyncOf = (b: PlanningResult) =>
  b.mirrorPlanSeconds > 0 ? b.rsyncDryRunSeconds / b.mirrorPlanSeconds : 0;

export function formatPlanning(b: PlanningResult, mode: string): string[] {
  const ratio = ratioRsyncOf(b);
  return [
    `B. ${b.files} files (${(b.treeBytes / 2 ** 20).toFixed(0)} MiB) at both ends, 1% changed at the source: ${JSON.stringify(b.changes)}`,
    table([
      ['contender', 'seconds', 'ratio to rsync', 'what it did'],
      ['rsync -a --delete --dry-run', b.rsyncDryRunSeconds.toFixed(2), '1.00', `${b.rsyncItemized} changes listed`],
      [
        `ours (${mode}), run to first byte sent`,
        b.mirrorPlanSeconds.toFixed(2),
        (b.mirrorPlanSeconds / b.rsyncDryRunSeconds).toFixed(2),
        Object.entries(b.oursStatuses)
          .map(([status, n]) => `${n} ${status}`)
          .join(', '),
      ],
      [
        `ours (${mode}), whole run`,
        b.oursTotalSeconds.toFixed(2),
        (b.oursTotalSeconds / b.rsyncDryRunSeconds).toFixed(2),
        `${(b.oursBytesSent / 2 ** 20).toFixed(1)} MiB sent`,
      ],
    ]),
    `ratioRsync = rsync / ours = ${ratio.toFixed(2)} (goal >= ${JOBS_GOALS.minRatioRsync}): ${verdict(ratio >= JOBS_GOALS.minRatioRsync)}`,
  ];
}

export function jobsSummaryLine(a: FiringResult | null, b: PlanningResult | null): string {
  return JSON.stringify({
    schedules: a?.schedules ?? 0,
    agents: a?.agentStatus ?? null,
    fired: a?.fired ?? null,
    duplicates: a?.duplicates ?? null,
    missed: a?.missed ?? null,
    p99LatenessMs: a ? round(a.p99LatenessMs, 0) : null,
    cpuMsPerFiring: a ? round(a.cpuMsPerFiring, 3) : null,
    files: b?.files ?? 0,
    mirrorPlanSeconds: b ? round(b.mirrorPlanSeconds, 3) : null,
    rsyncDryRunSeconds: b ? round(b.rsyncDryRunSeconds, 3) : null,
    ratioRsync: b ? round(ratioRsyncOf(b), 3) : null,
  });
}
