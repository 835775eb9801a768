/** What `npm run bench:notify` prints: a table of both phases, the verdicts, and a one-line JSON summary last. */
import type { NotifyResult, PhaseResult } from './notify-delivery.ts';
import { round, table } from './report.ts';

export const NOTIFY_GOALS = { maxHealthyP95Ms: 2000, maxSlowdown: 1.5 } as const;

const verdict = (met: boolean) => (met ? 'MET' : 'MISSED');
/** The histogram's last bin holds everything slower: shown as at least that. */
const CLIPPED_MS = 60_000;
const ms = (value: number) => (Number.isNaN(value) ? '-' : value >= CLIPPED_MS ? `>=${CLIPPED_MS}` : value.toFixed(0));

const phaseOf = (result: NotifyResult, name: PhaseResult['name']) =>
  result.phases.find((phase) => phase.name === name) as PhaseResult;

/** Healthy p95 with the slow and failing endpoints present, over the baseline's. */
export const slowdownOf = (result: NotifyResult) => {
  const base = phaseOf(result, 'baseline').healthy.latency.p95;
  const troubled = phaseOf(result, 'slow and failing').healthy.latency.p95;
  return base > 0 ? troubled / base : Number.NaN;
};

/**
 * The slowdown compares like with like only when the baseline delivered everything (its backlog
 * would otherwise carry into the second phase) and no healthy latency was clipped.
 */
const slowdownMeasurable = (result: NotifyResult) =>
  phaseOf(result, 'baseline').healthyDrainedSeconds !== null &&
  result.phases.every((phase) => phase.healthy.latency.max < CLIPPED_MS);

const lostOf = (result: NotifyResult) =>
  result.phases.reduce((sum, phase) => sum + phase.healthy.lost + (phase.slow?.lost ?? 0), 0);

export function formatNotify(result: NotifyResult): string[] {
  const base = phaseOf(result, 'baseline');
  const troubled = phaseOf(result, 'slow and failing');
  const both = (figure: (phase: PhaseResult) => string) => [figure(base), figure(troubled)];
  const { options } = result;
  const slowdown = slowdownOf(result);
  const lost = lostOf(result);
  const p95 = Math.max(base.healthy.latency.p95, troubled.healthy.latency.p95);
  return [
    `${options.rate} events/s for ${options.seconds} s per phase to ${options.endpoints} webhook endpoints (each subscribed to transfer.*); slow endpoint answers after ${options.slowMs} ms; drain up to ${options.drainSeconds} s`,
    table([
      ['figure', 'baseline (all healthy)', 'slow + failing present'],
      ['events (transfers flipped)', ...both((p) => String(p.events))],
      ['generator max lag ms', ...both((p) => ms(p.generatorMaxLagMs))],
      ['healthy endpoints', ...both((p) => String(p.healthy.endpoints))],
      ['healthy: delivered / expected', ...both((p) => `${p.healthy.delivered} / ${p.healthy.expected}`)],
      ['healthy: still queued at the end (sent later)', ...both((p) => String(p.healthy.queued))],
      ['healthy: lost (neither delivered nor queued)', ...both((p) => String(p.healthy.lost))],
      ['healthy: latency p50 ms (commit -> receipt)', ...both((p) => ms(p.healthy.latency.p50))],
      ['healthy: latency p95 ms', ...both((p) => ms(p.healthy.latency.p95))],
      ['healthy: latency p99 ms', ...both((p) => ms(p.healthy.latency.p99))],
      ['healthy: latency max ms', ...both((p) => ms(p.healthy.latency.max))],
      [
        'healthy: all delivered, s after last event',
        ...both((p) => (p.healthyDrainedSeconds === null ? 'not in drain' : p.healthyDrainedSeconds.toFixed(1))),
      ],
      ['slow: delivered / expected', ...both((p) => (p.slow ? `${p.slow.delivered} / ${p.slow.expected}` : '-'))],
      ['slow: still queued at the end (sent later)', ...both((p) => (p.slow ? String(p.slow.queued) : '-'))],
      ['slow: lost (neither delivered nor queued)', ...both((p) => (p.slow ? String(p.slow.lost) : '-'))],
      [
        'slow: latency p50 / p95 ms',
        ...both((p) => (p.slow ? `${ms(p.slow.latency.p50)} / ${ms(p.slow.latency.p95)}` : '-')),
      ],
      [
        'failing: requests / deliveries tried / retries',
        ...both((p) => (p.failing ? `${p.failing.requests} / ${p.failing.events} / ${p.failing.retries}` : '-')),
      ],
      ['duplicates (a webhook-id answered 2xx twice)', ...both((p) => String(p.duplicates))],
      ['attempts received (all endpoints)', ...both((p) => String(p.attempts))],
      ['attempts/s while generating', ...both((p) => p.attemptsPerSecond.toFixed(0))],
      ['server CPU ms per attempt', ...both((p) => p.serverCpuMsPerAttempt.toFixed(3))],
      ['PostgreSQL CPU ms per attempt', ...both((p) => p.postgresCpuMsPerAttempt.toFixed(3))],
      ['server CPU % of a core (phase + drain)', ...both((p) => p.serverCpuPercent.toFixed(0))],
      ['PostgreSQL CPU % of a core', ...both((p) => p.postgresCpuPercent.toFixed(0))],
      ['bench process (endpoints, generator) CPU % of a core', ...both((p) => p.benchCpuPercent.toFixed(0))],
      ['machine busy % of all cores (other work included)', ...both((p) => p.machineBusyPercent.toFixed(0))],
      ['PostgreSQL checkpoints begun in the phase', ...both((p) => String(p.checkpoints))],
      ['WAL written, MB (other work included)', ...both((p) => p.walMegabytes.toFixed(0))],
    ]),
    `Signatures verified with standardwebhooks: ${result.signaturesChecked - result.signaturesBad} of ${result.signaturesChecked} sampled good; malformed bodies ${result.malformed}; stray events ${result.strayEvents}`,
    `Server's record at the end: deliveries ${JSON.stringify(result.deliveriesByStatus)}, ${result.attemptRows} attempt rows for ${result.requestsReceived} requests received`,
    `Healthy p95 ${ms(p95)} ms (goal <= ${NOTIFY_GOALS.maxHealthyP95Ms}): ${verdict(p95 <= NOTIFY_GOALS.maxHealthyP95Ms)}; none lost: ${verdict(lost === 0)}; healthy all delivered within the drain: ${verdict(result.phases.every((phase) => phase.healthyDrainedSeconds !== null))}; slow/failing do not delay the others (p95 ratio ${slowdown.toFixed(2)}, goal <= ${NOTIFY_GOALS.maxSlowdown}): ${slowdownMeasurable(result) ? verdict(slowdown <= NOTIFY_GOALS.maxSlowdown) : 'NOT MEASURABLE (the baseline did not deliver everything within its drain, or latencies were clipped)'}`,
  ];
}

export function notifySummaryLine(result: NotifyResult): string {
  const base = phaseOf(result, 'baseline');
  const troubled = phaseOf(result, 'slow and failing');
  const events = result.phases.reduce((sum, phase) => sum + phase.events, 0);
  const delivered = result.phases.reduce(
    (sum, phase) => sum + phase.healthy.delivered + (phase.slow?.delivered ?? 0),
    0,
  );
  return JSON.stringify({
    events,
    endpoints: result.options.endpoints,
    rate: result.options.rate,
    seconds: result.options.seconds,
    delivered,
    lost: lostOf(result),
    lostHealthy: base.healthy.lost + troubled.healthy.lost,
    lostSlow: troubled.slow?.lost ?? 0,
    queuedSlow: troubled.slow?.queued ?? 0,
    healthyAllDelivered: result.phases.every((phase) => phase.healthyDrainedSeconds !== null),
    duplicates: base.duplicates + troubled.duplicates,
    p50Ms: base.healthy.latency.p50,
    p95Ms: base.healthy.latency.p95,
    p99Ms: base.healthy.latency.p99,
    p50MsWithSlowEndpoint: troubled.healthy.latency.p50,
    p95MsWithSlowEndpoint: troubled.healthy.latency.p95,
    p99MsWithSlowEndpoint: troubled.healthy.latency.p99,
    slowdownRatioP95: round(slowdownOf(result), 3),
    slowdownMeasurable: slowdownMeasurable(result),
    slowEndpointP95Ms: troubled.slow?.latency.p95 ?? null,
    failingRetries: troubled.failing?.retries ?? null,
    attemptsPerSecond: round(base.attemptsPerSecond, 0),
    serverCpuMsPerDelivery: round(base.serverCpuMsPerAttempt, 3),
    postgresCpuMsPerDelivery: round(base.postgresCpuMsPerAttempt, 3),
    postgresCpuMsPerDeliveryWithSlowEndpoint: round(troubled.postgresCpuMsPerAttempt, 3),
    checkpointsInPhases: base.checkpoints + troubled.checkpoints,
    signaturesBad: result.signaturesBad,
    machineBusyPercent: round(base.machineBusyPercent, 0),
    machineBusyPercentWithSlowEndpoint: round(troubled.machineBusyPercent, 0),
  });
}
