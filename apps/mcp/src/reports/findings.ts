import type { Agent, Transfer } from '@tcpa/contracts';
import { z } from 'zod';
import { formatAge, formatBytes, formatRate, round } from '../tools/format.ts';
import { type FleetData, type ProjectFleet, TELEMETRY_WINDOW_MINUTES } from './fleet-data.ts';

export const FindingSchema = z.strictObject({
  severity: z.enum(['critical', 'warning', 'info']),
  kind: z.enum([
    'offline_agent',
    'flapping_agent',
    'pending_agent',
    'resource_pressure',
    'slow_path',
    'lossy_path',
    'failing_transfers',
    'plan_limit',
  ]),
  projectId: z.string().nullable(),
  subject: z.string().describe('what the finding is about: an agent, a path between two agents, the plan'),
  evidence: z.array(z.string()).describe('the observations behind the finding'),
  suggestedAction: z.string(),
});
export type Finding = z.infer<typeof FindingSchema>;

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;
const DAY_MS = 86_400_000;
const LOW_DISK_BYTES = 1024 ** 3;
const SLOW_PATH_FRACTION = 0.25;
/** 8 Mbit/s (1 MB/s). */
const SLOW_ABSOLUTE_BPS = 8_000_000;
const PLAN_NEAR_FRACTION = 0.8;

const nameOf = (fleet: ProjectFleet, agentId: string) =>
  fleet.agents.find((agent) => agent.id === agentId)?.name ?? agentId;

/** Offline, flapping and pending agents, and machines short of CPU or disk. */
function agentFindings(fleet: ProjectFleet, now: number): Finding[] {
  const findings: Finding[] = [];
  const projectId = fleet.project.id;
  for (const agent of fleet.agents) {
    const subject = `agent ${agent.name} (${agent.id})`;
    if (agent.status === 'pending') {
      findings.push({
        severity: 'info',
        kind: 'pending_agent',
        projectId,
        subject,
        evidence: [
          `enrolled ${formatAge(agent.createdAt, now)} from ${agent.hostname ?? 'an unknown host'}, waiting for approval`,
        ],
        suggestedAction:
          'If you recognise the machine, approve it (approve_agent); otherwise revoke it (revoke_agent).',
      });
    }
    if (agent.status !== 'active') continue;
    if (!agent.online) findings.push(offlineFinding(fleet, agent, now));
    const telemetry = fleet.telemetry.get(agent.id);
    if (!telemetry) continue;
    if (agent.online && telemetry.gaps.count >= 3) {
      findings.push({
        severity: 'warning',
        kind: 'flapping_agent',
        projectId,
        subject,
        evidence: [
          `${telemetry.gaps.count} silences in its telemetry over the last ${TELEMETRY_WINDOW_MINUTES} min (longest ${telemetry.gaps.longestSeconds} s) while it keeps coming back`,
        ],
        suggestedAction: `Its connection keeps dropping: check the network and power management of ${agent.hostname ?? 'the machine'} and the agent's log (tcpa-agent status).`,
      });
    }
    if (telemetry.cpuPct && telemetry.cpuPct.avg >= 90) {
      findings.push({
        severity: 'warning',
        kind: 'resource_pressure',
        projectId,
        subject,
        evidence: [
          `CPU averaged ${telemetry.cpuPct.avg}% over the last ${TELEMETRY_WINDOW_MINUTES} min (max ${telemetry.cpuPct.max}%)`,
        ],
        suggestedAction:
          'The machine is saturated: transfers through it will be slow. Move other work off it or schedule transfers for quieter hours.',
      });
    }
    if (telemetry.diskFreeBytes && telemetry.diskFreeBytes.last < LOW_DISK_BYTES) {
      findings.push({
        severity: telemetry.diskFreeBytes.last < LOW_DISK_BYTES / 4 ? 'critical' : 'warning',
        kind: 'resource_pressure',
        projectId,
        subject,
        evidence: [`only ${formatBytes(telemetry.diskFreeBytes.last)} of disk free`],
        suggestedAction:
          'Free disk space on the machine before sending it more files: transfers to it will fail when the disk fills.',
      });
    }
  }
  return findings;
}

function offlineFinding(fleet: ProjectFleet, agent: Agent, now: number): Finding {
  const waiting = fleet.transfers.filter(
    (transfer) =>
      ['queued', 'paused'].includes(transfer.state) &&
      (transfer.sourceAgentId === agent.id || transfer.destinationAgentId === agent.id),
  );
  const evidence = [`offline, last seen ${formatAge(agent.lastSeenAt, now)}`];
  if (waiting.length > 0)
    evidence.push(
      `${waiting.length} transfer(s) wait for it: ${waiting
        .map((t) => t.id)
        .slice(0, 5)
        .join(', ')}`,
    );
  return {
    severity: waiting.length > 0 ? 'critical' : 'warning',
    kind: 'offline_agent',
    projectId: fleet.project.id,
    subject: `agent ${agent.name} (${agent.id})`,
    evidence,
    suggestedAction: `Check ${agent.hostname ?? 'the machine'}: is it up, and is tcpa-agent running (tcpa-agent status; start it with tcpa-agent run)? If the machine is gone for good, revoke the agent.`,
  };
}

/** Bits per second a finished transfer achieved, from the agent's statistics or its timestamps. */
function achievedRate(transfer: Transfer): number | null {
  const stats = transfer.stats ?? {};
  const sent = typeof stats.bytesSent === 'number' ? stats.bytesSent : transfer.bytesTotal;
  const durationMs =
    typeof stats.durationMs === 'number'
      ? stats.durationMs
      : transfer.startedAt && transfer.finishedAt
        ? Date.parse(transfer.finishedAt) - Date.parse(transfer.startedAt)
        : null;
  if (!sent || !durationMs || durationMs <= 0) return null;
  return (sent * 8) / (durationMs / 1000);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** Slow and lossy source → destination paths, from the transfers that ran on them. */
function pathFindings(fleet: ProjectFleet, now: number): Finding[] {
  const byPath = new Map<string, Transfer[]>();
  for (const transfer of fleet.transfers) {
    if (now - Date.parse(transfer.createdAt) > 7 * DAY_MS) continue;
    const key = `${transfer.sourceAgentId}>${transfer.destinationAgentId}`;
    byPath.set(key, [...(byPath.get(key) ?? []), transfer]);
  }
  const rates = new Map<string, number>();
  for (const [key, transfers] of byPath) {
    const achieved = transfers
      .filter((t) => t.state === 'succeeded')
      .map(achievedRate)
      .filter((rate): rate is number => rate !== null);
    if (achieved.length > 0) rates.set(key, median(achieved));
  }
  const findings: Finding[] = [];
  for (const [key, transfers] of byPath) {
    const [sourceId, destinationId] = key.split('>') as [string, string];
    const subject = `path ${nameOf(fleet, sourceId)} → ${nameOf(fleet, destinationId)}`;
    const rate = rates.get(key);
    const others = [...rates].filter(([other]) => other !== key).map(([, value]) => value);
    const typical = others.length > 0 ? median(others) : null;
    const limited = transfers.find((t) => t.bandwidthLimitBps !== null);
    if (rate !== undefined && ((typical !== null && rate < typical * SLOW_PATH_FRACTION) || rate < SLOW_ABSOLUTE_BPS)) {
      const sourceRtt = fleet.telemetry.get(sourceId)?.rttMs;
      const evidence = [
        `succeeded transfers on this path ran at a median ${formatRate(rate)}${typical !== null ? `, against ${formatRate(typical)} on the other paths` : ''}`,
      ];
      if (sourceRtt) evidence.push(`source RTT to the control plane averages ${sourceRtt.avg} ms`);
      if (limited)
        evidence.push(`transfer ${limited.id} has a bandwidth limit of ${formatRate(limited.bandwidthLimitBps)}`);
      findings.push({
        severity: 'warning',
        kind: 'slow_path',
        projectId: fleet.project.id,
        subject,
        evidence,
        suggestedAction: limited
          ? 'Raise or remove the bandwidth limit on transfers over this path if the link can take more.'
          : 'Check the network between the two machines (bandwidth, latency, a VPN or proxy in the way) and the CPU and disk of both agents; send large transfers at quieter hours.',
      });
    }
    const retried = transfers.filter((t) => t.attempts > 1);
    const resent = transfers
      .map((t) => t.stats)
      .filter(
        (s): s is Record<string, unknown> => typeof s?.bytesResent === 'number' && typeof s.bytesSent === 'number',
      );
    const resentBytes = resent.reduce((total, s) => total + (s.bytesResent as number), 0);
    const sentBytes = resent.reduce((total, s) => total + (s.bytesSent as number), 0);
    const resentShare = sentBytes > 0 ? resentBytes / sentBytes : 0;
    if (retried.length >= 2 || resentShare > 0.01) {
      const evidence: string[] = [];
      if (retried.length > 0) {
        const reasons = [...new Set(retried.map((t) => t.stateReason).filter((r): r is string => !!r))].slice(0, 3);
        evidence.push(
          `${retried.length} of ${transfers.length} transfers needed more than one attempt${reasons.length ? ` (${reasons.join('; ')})` : ''}`,
        );
      }
      if (resentShare > 0.01) evidence.push(`${round(resentShare * 100)}% of the bytes sent had to be sent again`);
      findings.push({
        severity: 'warning',
        kind: 'lossy_path',
        projectId: fleet.project.id,
        subject,
        evidence,
        suggestedAction:
          'The link between these machines drops connections or corrupts data: check for packet loss (mtr between the hosts), Wi-Fi or VPN hops, and the MTU.',
      });
    }
  }
  return findings;
}

function adviceFor(reason: string): string {
  if (/disk full|no space/i.test(reason))
    return 'Free space on the destination, then retry the transfers (retry_transfer).';
  if (/not found|no such file|ENOENT/i.test(reason))
    return "Check the source paths: they are relative to the source agent's root. Create a new transfer with the right paths.";
  if (/permission|EACCES|denied/i.test(reason))
    return 'Give the agent read access on the source (or write access on the destination), then retry.';
  if (/offline|disconnect|could not start/i.test(reason))
    return 'Bring both agents online and up to date (tcpa-agent run), then retry.';
  return 'Look at the failed files (get_transfer), fix the cause, then retry (retry_transfer).';
}

function failingTransferFindings(fleet: ProjectFleet, now: number): Finding[] {
  const failed = fleet.transfers.filter(
    (t) => t.state === 'failed' && now - Date.parse(t.finishedAt ?? t.createdAt) <= DAY_MS,
  );
  const byReason = new Map<string, Transfer[]>();
  for (const transfer of failed) {
    const reason = transfer.stateReason ?? 'no reason given';
    byReason.set(reason, [...(byReason.get(reason) ?? []), transfer]);
  }
  return [...byReason].map(([reason, transfers]) => ({
    severity: transfers.length >= 3 ? 'critical' : 'warning',
    kind: 'failing_transfers',
    projectId: fleet.project.id,
    subject: `${transfers.length} failed transfer(s) in the last 24 h`,
    evidence: [
      `reason: ${reason}`,
      `transfers: ${transfers
        .map((t) => t.id)
        .slice(0, 5)
        .join(', ')}`,
    ],
    suggestedAction: adviceFor(reason),
  }));
}

function planFindings(data: FleetData): Finding[] {
  const subscription = data.subscription;
  if (!subscription) return [];
  const { plan, usage } = subscription;
  const findings: Finding[] = [];
  const near = (used: number, max: number | null) => max !== null && max > 0 && used >= max * PLAN_NEAR_FRACTION;
  if (near(usage.projects, plan.maxProjects)) {
    findings.push({
      severity: usage.projects >= (plan.maxProjects ?? 0) ? 'critical' : 'warning',
      kind: 'plan_limit',
      projectId: null,
      subject: `plan ${plan.name}: projects`,
      evidence: [`${usage.projects} of ${plan.maxProjects} projects used`],
      suggestedAction:
        'Upgrade the plan (Plan & usage in the dashboard) before creating more projects, or delete unused ones.',
    });
  }
  const agents = usage.agents;
  if (near(agents, plan.maxAgents)) {
    findings.push({
      severity: agents >= (plan.maxAgents ?? 0) ? 'critical' : 'warning',
      kind: 'plan_limit',
      projectId: null,
      subject: `plan ${plan.name}: agents`,
      evidence: [`${agents} of ${plan.maxAgents} agents enrolled`],
      suggestedAction:
        'New machines will be refused at enrolment: upgrade the plan, or revoke agents you no longer use.',
    });
  }
  return findings;
}

/** Findings over the fleet, most severe first, each with its evidence and a suggested action. */
export function findIssues(data: FleetData, now = Date.now()): Finding[] {
  const findings = [
    ...data.projects.flatMap((fleet) => [
      ...agentFindings(fleet, now),
      ...pathFindings(fleet, now),
      ...failingTransferFindings(fleet, now),
    ]),
    ...planFindings(data),
  ];
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
