import type { Agent, AgentStatus } from '@tcpa/contracts';
import type { Database, Queryable } from '@tcpa/db';

export interface AgentRow {
  id: string;
  company_id: string;
  project_id: string;
  name: string;
  status: AgentStatus;
  online: boolean;
  last_seen_at: string | null;
  tags: string[];
  hostname: string | null;
  platform: string | null;
  version: string | null;
  data_host_override: string | null;
  clock_skew_ms: number | null;
  last_refused_at: string | null;
  last_refusal: string | null;
  created_at: string;
}

export const AGENT_COLUMNS = `id, company_id, project_id, name, status, online, last_seen_at, tags, hostname,
  platform, version, data_host_override, clock_skew_ms, last_refused_at, last_refusal, created_at`;

export function toAgent(row: AgentRow): Agent {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    status: row.status,
    online: row.online,
    lastSeenAt: row.last_seen_at,
    tags: row.tags,
    hostname: row.hostname,
    platform: row.platform,
    version: row.version,
    dataHost: row.data_host_override,
    clockSkewMs: row.clock_skew_ms,
    lastRefusal: row.last_refused_at && row.last_refusal ? { at: row.last_refused_at, reason: row.last_refusal } : null,
    createdAt: row.created_at,
  };
}

export async function listAgents(
  tx: Queryable,
  projectId: string,
  filter: {
    status?: AgentStatus | undefined;
    online?: boolean | undefined;
    tag?: string | undefined;
    includeRevoked?: boolean | undefined;
  },
): Promise<Agent[]> {
  // Without a status filter the fleet is what can still connect: revoked agents only on request.
  const rows = await tx.query<AgentRow>(
    `select ${AGENT_COLUMNS} from agents
     where project_id = $1 and deleted_at is null
       and ($2::text is null or status = $2) and ($3::boolean is null or online = $3)
       and ($4::text is null or tags @> array[$4])
       and ($2::text is not null or $5 or status <> 'revoked')
     order by name, id`,
    [projectId, filter.status ?? null, filter.online ?? null, filter.tag ?? null, filter.includeRevoked ?? false],
  );
  return rows.map(toAgent);
}

export async function getAgentRow(tx: Queryable, projectId: string, agentId: string) {
  const [row] = await tx.query<AgentRow>(
    `select ${AGENT_COLUMNS} from agents where project_id = $1 and id = $2 and deleted_at is null`,
    [projectId, agentId],
  );
  return row;
}

export async function updateAgent(
  tx: Queryable,
  projectId: string,
  agentId: string,
  change: {
    name?: string | undefined;
    tags?: string[] | undefined;
    status?: AgentStatus | undefined;
    /** null clears it; undefined leaves it. */
    dataHost?: string | null | undefined;
  },
) {
  const [row] = await tx.query<AgentRow>(
    `update agents set name = coalesce($3, name), tags = coalesce($4, tags), status = coalesce($5, status),
       data_host_override = case when $6 then $7 else data_host_override end, updated_at = now()
     where project_id = $1 and id = $2 returning ${AGENT_COLUMNS}`,
    [
      projectId,
      agentId,
      change.name ?? null,
      change.tags ?? null,
      change.status ?? null,
      change.dataHost !== undefined,
      change.dataHost ?? null,
    ],
  );
  return row;
}

/** Marks a revoked or rejected agent deleted; the row stays for the history of its transfers. */
export async function deleteAgent(tx: Queryable, projectId: string, agentId: string): Promise<boolean> {
  const rows = await tx.query(
    `update agents set deleted_at = now()
     where project_id = $1 and id = $2 and deleted_at is null and status in ('revoked', 'rejected')
     returning id`,
    [projectId, agentId],
  );
  return rows.length > 0;
}

/**
 * Presence as this node sees it: online when an agent connects, offline when it leaves. On
 * connection (clockSkewMs given) the agent's clock as measured now is kept and an earlier
 * refusal is old news. A new connection forgets the data port: transfers to the agent start only
 * once it has announced where it receives now (a restarted agent may listen elsewhere).
 */
export async function setAgentOnlineAsService(
  database: Database,
  agentId: string,
  online: boolean,
  clockSkewMs?: number | null,
): Promise<AgentRow | undefined> {
  const [row] = await database.unsafeAsOwner((tx) =>
    tx.query<AgentRow>(
      clockSkewMs === undefined
        ? `update agents set online = $2, last_seen_at = now(), data_port = case when $2 then null else data_port end
           where id = $1 returning ${AGENT_COLUMNS}`
        : `update agents set online = $2, last_seen_at = now(), data_port = case when $2 then null else data_port end,
             clock_skew_ms = coalesce($3, clock_skew_ms), last_refused_at = null, last_refusal = null
           where id = $1 returning ${AGENT_COLUMNS}`,
      clockSkewMs === undefined ? [agentId, online] : [agentId, online, clockSkewMs],
    ),
  );
  return row;
}

/** Keeps last_seen_at fresh for agents held by this node, so other nodes' sweeps leave them online. */
export async function touchAgentsAsService(database: Database, agentIds: string[]) {
  await database.unsafeAsOwner((tx) =>
    tx.query('update agents set last_seen_at = now() where id = any($1::uuid[])', [agentIds]),
  );
}

/** Where the agent receives transfers, as it announced (its port) and as it connected (its address). */
export async function recordDataChannelAsService(
  database: Database,
  agentId: string,
  endpoint: { host: string; port: number; fingerprint: string },
) {
  await database.unsafeAsOwner((tx) =>
    tx.query('update agents set data_host = $2, data_port = $3, data_fingerprint = $4 where id = $1', [
      agentId,
      endpoint.host,
      endpoint.port,
      endpoint.fingerprint,
    ]),
  );
}
