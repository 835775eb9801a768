import type { Agent, ServerToClientMessage, TelemetrySample } from '@tcpa/contracts';

export const SPARKLINE_POINTS = 40;

export interface AgentLive {
  agent: Agent;
  /** Newest last. */
  throughput: number[];
  latest: TelemetrySample | null;
  /** Bumped on every change, so a row re-renders only when its agent changed. */
  version: number;
}

/**
 * A project's agents with their live telemetry. The agents follow the query cache (`sync`), the
 * telemetry comes from realtime messages (`apply`): kept out of the cache, whose every change would
 * render the page, where 1,000 agents' samples a second must stay within the frame budget. Changes
 * are applied at once and announced through `notify`, which the page throttles.
 */
export class LiveFleet {
  readonly byId = new Map<string, AgentLive>();
  version = 0;
  /** False until the first list arrives. */
  loaded = false;
  /** The agent objects already taken from the cache: a list where one agent changed bumps that one row. */
  private readonly synced = new WeakSet<Agent>();

  constructor(
    readonly projectId: string,
    private readonly notify: () => void,
  ) {}

  /** Makes the fleet the given list: new and changed agents in, missing ones out. */
  sync(agents: readonly Agent[]) {
    let changed = !this.loaded;
    this.loaded = true;
    const listed = new Set<string>();
    for (const agent of agents) {
      listed.add(agent.id);
      const existing = this.byId.get(agent.id);
      if (existing && this.synced.has(agent)) continue;
      this.synced.add(agent);
      this.byId.set(agent.id, {
        agent,
        throughput: existing?.throughput ?? [],
        latest: existing?.latest ?? null,
        version: (existing?.version ?? 0) + 1,
      });
      changed = true;
    }
    for (const id of this.byId.keys()) {
      if (listed.has(id)) continue;
      this.byId.delete(id);
      changed = true;
    }
    if (changed) this.changed();
  }

  apply(message: ServerToClientMessage) {
    if (message.type !== 'telemetry' || message.projectId !== this.projectId) return;
    let updated = false;
    for (const { agentId, samples } of message.batches) {
      const entry = this.byId.get(agentId);
      if (!entry) continue;
      for (const sample of samples) entry.throughput.push(sample.throughputBps);
      if (entry.throughput.length > SPARKLINE_POINTS)
        entry.throughput.splice(0, entry.throughput.length - SPARKLINE_POINTS);
      entry.latest = samples[samples.length - 1] ?? entry.latest;
      if (!entry.agent.online && entry.agent.status === 'active') entry.agent = { ...entry.agent, online: true };
      entry.version += 1;
      updated = true;
    }
    if (updated) this.changed();
  }

  list(): AgentLive[] {
    return [...this.byId.values()];
  }

  private changed() {
    this.version += 1;
    this.notify();
  }
}
