import { IdSchema } from '@tcpa/contracts';
import { z } from 'zod';
import { type Finding, FindingSchema, findIssues } from '../reports/findings.ts';
import { type FleetData, gatherFleet } from '../reports/fleet-data.ts';
import { formatBytes } from './format.ts';
import { defineTool } from './tool-kit.ts';

const DAY_MS = 86_400_000;
const REPORT_SCOPES = ['projects:read', 'agents:read', 'transfers:read'] as const;
const ReportInput = z.strictObject({
  projectId: IdSchema.optional().describe('one project; default: every project this API key can see'),
});

const ProjectHealthSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  agents: z.strictObject({
    total: z.number().int(),
    active: z.number().int(),
    online: z.number().int(),
    offline: z.number().int().describe('active agents that are offline'),
    pending: z.number().int(),
  }),
  transfers: z.strictObject({
    running: z.number().int(),
    queued: z.number().int(),
    paused: z.number().int(),
    succeededLast24h: z.number().int(),
    failedLast24h: z.number().int(),
    bytesMovedLast24h: z.number(),
  }),
});

function projectHealth(data: FleetData, now: number) {
  return data.projects.map(({ project, agents, transfers }) => {
    const active = agents.filter((a) => a.status === 'active');
    const lastDay = transfers.filter((t) => t.finishedAt && now - Date.parse(t.finishedAt) <= DAY_MS);
    const succeeded = lastDay.filter((t) => t.state === 'succeeded');
    const count = (state: string) => transfers.filter((t) => t.state === state).length;
    return {
      id: project.id,
      name: project.name,
      agents: {
        total: agents.length,
        active: active.length,
        online: active.filter((a) => a.online).length,
        offline: active.filter((a) => !a.online).length,
        pending: agents.filter((a) => a.status === 'pending').length,
      },
      transfers: {
        running: count('running') + count('verifying'),
        queued: count('queued'),
        paused: count('paused'),
        succeededLast24h: succeeded.length,
        failedLast24h: lastDay.filter((t) => t.state === 'failed').length,
        bytesMovedLast24h: succeeded.reduce((total, t) => total + (t.bytesTotal ?? t.bytesDone), 0),
      },
    };
  });
}

const describeFinding = (finding: Finding) =>
  `- [${finding.severity}] ${finding.subject}: ${finding.evidence.join('; ')}.\n  → ${finding.suggestedAction}`;

const fleetHealthReport = defineTool({
  name: 'fleet_health_report',
  title: 'Fleet health report',
  description:
    'A health report of the fleet from live data: agents online/offline/pending per project, transfers running, queued, succeeded and failed in the last 24 h, and the problems found (with evidence and a suggested action).',
  scopes: [...REPORT_SCOPES],
  input: ReportInput,
  output: z.strictObject({
    generatedAt: z.string(),
    status: z.enum(['healthy', 'degraded', 'critical']),
    projects: z.array(ProjectHealthSchema),
    problems: z.array(FindingSchema).describe('critical and warning findings'),
    notes: z.array(z.string()),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true },
  async run({ projectId }, { api }) {
    const data = await gatherFleet(api, { projectId });
    const now = Date.parse(data.generatedAt);
    const projects = projectHealth(data, now);
    const problems = findIssues(data, now).filter((f) => f.severity !== 'info');
    const status: 'healthy' | 'degraded' | 'critical' = problems.some((f) => f.severity === 'critical')
      ? 'critical'
      : problems.length > 0
        ? 'degraded'
        : 'healthy';
    const lines = projects.map(
      (p) =>
        `- ${p.name}: ${p.agents.online}/${p.agents.active} active agents online, ${p.agents.offline} offline, ${p.agents.pending} pending; transfers: ${p.transfers.running} running, ${p.transfers.queued} queued, ${p.transfers.paused} paused; last 24 h ${p.transfers.succeededLast24h} succeeded (${formatBytes(p.transfers.bytesMovedLast24h)}), ${p.transfers.failedLast24h} failed`,
    );
    const text = [
      `Fleet ${status} at ${data.generatedAt}.`,
      ...lines,
      problems.length ? `Problems:\n${problems.map(describeFinding).join('\n')}` : 'No problems found.',
      ...data.notes.map((note) => `Note: ${note}`),
    ].join('\n');
    return { structured: { generatedAt: data.generatedAt, status, projects, problems, notes: data.notes }, text };
  },
});

const performanceRecommendations = defineTool({
  name: 'performance_recommendations',
  title: 'Performance recommendations',
  description:
    'Recommendations from telemetry and transfer history: offline or flapping agents, machines short of CPU or disk, slow or lossy paths between agents, failing transfers, plan limits near. Each comes with its evidence and a suggested action.',
  scopes: [...REPORT_SCOPES],
  input: ReportInput,
  output: z.strictObject({
    generatedAt: z.string(),
    recommendations: z.array(FindingSchema),
    notes: z.array(z.string()),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true },
  async run({ projectId }, { api }) {
    const data = await gatherFleet(api, { projectId });
    const recommendations = findIssues(data, Date.parse(data.generatedAt));
    const text = [
      recommendations.length
        ? `${recommendations.length} recommendation(s):\n${recommendations.map(describeFinding).join('\n')}`
        : 'Nothing to recommend: no offline or flapping agents, slow or lossy paths, failing transfers or plan limits near.',
      ...data.notes.map((note) => `Note: ${note}`),
    ].join('\n');
    return { structured: { generatedAt: data.generatedAt, recommendations, notes: data.notes }, text };
  },
});

export const reportTools = [fleetHealthReport, performanceRecommendations];
