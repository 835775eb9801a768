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
 * A project's agents kept current from realtime messages. Changes are applied at once and
 * announced to listeners through `notify`, which the page throttles to its frame budget.
 */
export class LiveFleet {
  readonly byId = new Map<string, AgentLive>();
  version = 0;

  constructor(
    readonly projectId: string,
    private readonly notify: () => void,
  ) {}

  load(agents: readonly Agent[]) {
    for (const agent of agents) {
      const existing = this.byId.get(agent.id);
      this.byId.set(agent.id, {
        agent,
        throughput: existing?.throughput ?? [],
        latest: existing?.latest ?? null,
        version: (existing?.version ?? 0) + 1,
      });
    }
    this.changed();
  }

  remove(agentId: string) {
    this.byId.delete(agentId);
    this.changed();
  }

  apply(message: ServerToClientMessage) {
    if (message.type === 'agent_status' && message.projectId === this.projectId) {
      const existing = this.byId.get(message.agent.id);
      this.byId.set(message.agent.id, {
        agent: message.agent,
        throughput: existing?.throughput ?? [],
        latest: existing?.latest ?? null,
        version: (existing?.version ?? 0) + 1,
      });
      this.changed();
    } else if (message.type === 'telemetry' && message.projectId === this.projectId) {
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
  }

  list(): AgentLive[] {
    return [...this.byId.values()];
  }

  private changed() {
    this.version += 1;
    this.notify();
  }
}
