import type { Agent, TelemetryPoint } from '@tcpa/contracts';
import { describe, expect, it } from 'vitest';
import { findIssues } from '../src/reports/findings.ts';
import type { FleetData } from '../src/reports/fleet-data.ts';
import { summarizeTelemetry } from '../src/reports/telemetry-summary.ts';

const NOW = Date.parse('2030-01-01T12:00:00Z');
const agent: Agent = {
  id: '00000000-0000-4000-8000-000000000001',
  projectId: '00000000-0000-4000-8000-0000000000aa',
  name: 'edge-1',
  status: 'active',
  online: true,
  lastSeenAt: new Date(NOW).toISOString(),
  tags: [],
  hostname: 'edge-1.local',
  platform: 'linux-x64',
  version: '0.1.0',
  dataHost: null,
  clockSkewMs: null,
  lastRefusal: null,
  createdAt: new Date(NOW - 86_400_000).toISOString(),
};

function point(secondsAgo: number): TelemetryPoint {
  return {
    ts: new Date(NOW - secondsAgo * 1000).toISOString(),
    samples: 1,
    cpuPct: 10,
    memUsedBytes: 1,
    diskFreeBytes: 10 * 1024 ** 3,
    netRxBytes: 0,
    netTxBytes: 0,
    activeTransfers: 0,
    throughputBps: 0,
    rttMs: 2,
    errors: 0,
  };
}

/** Samples every 5 s over the last hour, with the agent gone for the given minutes. */
function telemetryWithSilences(silences: Array<[number, number]>) {
  const points: TelemetryPoint[] = [];
  for (let s = 3600; s >= 0; s -= 5) {
    if (!silences.some(([from, to]) => s <= from * 60 && s > to * 60)) points.push(point(s));
  }
  return summarizeTelemetry(agent.id, { from: '', to: '' }, 'raw', points);
}

function fleet(silences: Array<[number, number]>): FleetData {
  return {
    generatedAt: new Date(NOW).toISOString(),
    projects: [
      {
        project: { id: agent.projectId, name: 'p', description: '', createdAt: '', updatedAt: '', myPermissions: [] },
        agents: [agent],
        transfers: [],
        telemetry: new Map([[agent.id, telemetryWithSilences(silences)]]),
      },
    ],
    subscription: null,
    notes: [],
  };
}

describe('flapping agents', () => {
  it('are found from repeated silences in their telemetry, with the evidence', () => {
    const findings = findIssues(
      fleet([
        [50, 48],
        [30, 29],
        [10, 7],
      ]),
      NOW,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'flapping_agent',
        subject: `agent edge-1 (${agent.id})`,
        evidence: ['3 silences in its telemetry over the last 60 min (longest 185 s) while it keeps coming back'],
      }),
    ]);
  });

  it('are not reported for one outage or steady reporting', () => {
    expect(findIssues(fleet([[20, 10]]), NOW)).toEqual([]);
    expect(findIssues(fleet([]), NOW)).toEqual([]);
  });
});
