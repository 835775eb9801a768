import type { PlatformClient } from '@tcpa/api-client';
import { ApiError, dataOf } from '@tcpa/api-client';
import type { Agent, Project, Subscription, Transfer } from '@tcpa/contracts';
import { explainApiError } from '../api/api-error.ts';
import { lastMinutes, readTelemetry, type TelemetrySummary } from './telemetry-summary.ts';

/** Telemetry is read for at most this many agents per report, the most recently seen first. */
export const MAX_AGENTS_WITH_TELEMETRY = 50;
export const TELEMETRY_WINDOW_MINUTES = 60;
const RECENT_TRANSFERS = 200;

export interface ProjectFleet {
  project: Project;
  agents: Agent[];
  transfers: Transfer[];
  telemetry: Map<string, TelemetrySummary>;
}

export interface FleetData {
  generatedAt: string;
  projects: ProjectFleet[];
  subscription: Subscription | null;
  /** What the report could not look at, and why. */
  notes: string[];
}

/** Everything a report needs, read through the API with the caller's key (so only what it may see). */
export async function gatherFleet(api: PlatformClient, options: { projectId?: string }): Promise<FleetData> {
  const notes: string[] = [];
  const projects = options.projectId
    ? [await dataOf(api.GET('/api/v1/projects/{projectId}', { params: { path: { projectId: options.projectId } } }))]
    : (await dataOf(api.GET('/api/v1/projects'))).projects;
  const fleets: ProjectFleet[] = [];
  for (const project of projects) {
    const [{ agents }, { transfers }] = await Promise.all([
      dataOf(api.GET('/api/v1/projects/{projectId}/agents', { params: { path: { projectId: project.id } } })),
      dataOf(
        api.GET('/api/v1/projects/{projectId}/transfers', {
          params: { path: { projectId: project.id }, query: { limit: RECENT_TRANSFERS } },
        }),
      ),
    ]);
    fleets.push({ project, agents, transfers, telemetry: new Map() });
  }
  await readRecentTelemetry(api, fleets, notes);
  let subscription: Subscription | null = null;
  try {
    subscription = await dataOf(api.GET('/api/v1/subscription'));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    notes.push(`Plan limits not checked: ${explainApiError(error)}`);
  }
  return { generatedAt: new Date().toISOString(), projects: fleets, subscription, notes };
}

async function readRecentTelemetry(api: PlatformClient, fleets: ProjectFleet[], notes: string[]) {
  const reporting = fleets
    .flatMap((fleet) => fleet.agents.filter((agent) => agent.status === 'active').map((agent) => ({ fleet, agent })))
    .sort((a, b) => Date.parse(b.agent.lastSeenAt ?? '0') - Date.parse(a.agent.lastSeenAt ?? '0'));
  const chosen = reporting.slice(0, MAX_AGENTS_WITH_TELEMETRY);
  if (reporting.length > chosen.length) {
    notes.push(`Telemetry read for the ${chosen.length} most recently seen of ${reporting.length} active agents.`);
  }
  const range = lastMinutes(TELEMETRY_WINDOW_MINUTES);
  const queue = [...chosen];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const summary = await readTelemetry(api, next.fleet.project.id, next.agent.id, range);
      next.fleet.telemetry.set(next.agent.id, summary);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}
