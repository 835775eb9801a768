import type { AgentConfig } from '@tcpa/contracts';
import type { Database, Queryable } from '@tcpa/db';

/** What a company's agents are told to do: today, the telemetry interval of its plan. */
export async function agentConfigAsService(tx: Queryable, companyId: string): Promise<AgentConfig> {
  const [row] = await tx.query<{ plan_id: string; telemetry_interval_ms: number }>(
    `select p.id as plan_id, p.telemetry_interval_ms from subscriptions s join plans p on p.id = s.plan_id
     where s.company_id = $1`,
    [companyId],
  );
  if (!row) throw new Error(`company ${companyId} has no subscription`);
  return { planId: row.plan_id, telemetryIntervalMs: row.telemetry_interval_ms };
}

/** The same, in its own transaction outside tenant scoping (for the realtime hub). */
export function loadAgentConfigAsService(database: Database, companyId: string): Promise<AgentConfig> {
  return database.unsafeAsOwner((tx) => agentConfigAsService(tx, companyId));
}
