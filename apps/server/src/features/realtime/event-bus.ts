import type { Agent, JobRun, TelemetrySample, Transfer } from '@tcpa/contracts';

/** What happens in the fleet, for every node's realtime hub to act on. */
export type FleetEvent =
  | { type: 'agent_changed'; companyId: string; projectId: string; agent: Agent }
  | { type: 'telemetry'; companyId: string; projectId: string; agentId: string; samples: TelemetrySample[] }
  | { type: 'plan_changed'; companyId: string }
  /** Who may see what in the company changed (roles, members, project members, API keys, projects). */
  | { type: 'access_changed'; companyId: string }
  /** Sign-in sessions of this user ended (logout, password change, a replayed refresh token). */
  | { type: 'sessions_ended'; userId: string }
  /** `attempt`: the transfer's latest attempt (its token's `att`), for telling agents which ones to stop. */
  | { type: 'transfer_changed'; companyId: string; projectId: string; transfer: Transfer; attempt: number }
  /** A job run was recorded (started, skipped, queued, missed); changes with its transfer are read by each node's hub. */
  | { type: 'job_run_changed'; companyId: string; projectId: string; run: JobRun };

export interface EventBus {
  publish(event: FleetEvent): void;
  subscribe(handler: (event: FleetEvent) => void): () => void;
}

/**
 * One process: handlers run synchronously in publish order. A multi-node deployment swaps in a
 * NATS-backed bus with the same interface.
 */
export function createInMemoryEventBus(): EventBus {
  const handlers = new Set<(event: FleetEvent) => void>();
  return {
    publish(event) {
      for (const handler of handlers) handler(event);
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  };
}
