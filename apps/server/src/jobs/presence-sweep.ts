import type { Database } from '@tcpa/db';
import { AGENT_COLUMNS, type AgentRow, toAgent } from '../features/agents/agents.sql.ts';
import type { EventBus } from '../features/realtime/event-bus.ts';

/**
 * Marks agents offline whose node stopped touching them (a crashed or partitioned server), so
 * an agent never stays "online" for want of a close event; returns their ids.
 */
export async function sweepStaleAgentsAsService(database: Database, bus: EventBus, timeoutSeconds: number) {
  const rows = await database.unsafeAsOwner((tx) =>
    tx.query<AgentRow>(
      `update agents set online = false
       where online and last_seen_at < now() - make_interval(secs => $1)
       returning ${AGENT_COLUMNS}`,
      [timeoutSeconds],
    ),
  );
  for (const row of rows) {
    bus.publish({ type: 'agent_changed', companyId: row.company_id, projectId: row.project_id, agent: toAgent(row) });
  }
  return rows.map((row) => row.id);
}
