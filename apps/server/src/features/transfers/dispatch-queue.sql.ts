import type { Queryable } from '@tcpa/db';
import { TRANSFER_COLUMNS, type TransferRow } from './transfers.sql.ts';

/**
 * The transfers service's reads of the queue when it dispatches. Every one is bounded: by the agents this node holds and
 * their free slots, by what runs, or by an explicit limit, never by how much waits in the queue.
 */

/** Transfers running or verifying, per agent (source or destination). */
const BUSY = `busy as (
  select agent_id, count(*)::int as running from (
    select source_agent_id as agent_id from transfers where state in ('running', 'verifying')
    union all
    select destination_agent_id from transfers where state in ('running', 'verifying')) r
  group by agent_id)`;

export interface StartableTransfer {
  id: string;
  /** The other agent of an agent-to-agent transfer; null for a cloud transfer (only its runner works). */
  destination_agent_id: string | null;
  /** What the destination ran when the candidates were read. */
  destination_running: number;
}

/**
 * Queued transfers that can start now: the runner (the source, or the destination of a download
 * from a location) is one of `heldAgentIds` (this node starts what its agents run), the agents are
 * active, an agent destination of an agent source is online with its data channel announced, and
 * no agent has its `maxPerAgent` slots full. Per source, only as many as it has free
 * slots, best first; across companies, round-robin (each company's best, then each one's second…),
 * so one company's queue cannot crowd out another's.
 *
 * Per source, the `scanPerSource` best queued rows are looked at: more than that waiting for an
 * offline destination hold back the ones behind them, for that source only.
 */
export async function selectStartableAsService(
  tx: Queryable,
  options: { heldAgentIds: string[]; maxPerAgent: number; scanPerSource: number; limit: number },
): Promise<StartableTransfer[]> {
  return tx.query<StartableTransfer>(
    `with ${BUSY},
     sources as (
       select s.id, $2::int - coalesce(b.running, 0) as free
       from agents s left join busy b on b.agent_id = s.id
       where s.id = any($1::uuid[]) and s.status = 'active' and coalesce(b.running, 0) < $2::int),
     ready as (
       select c.* from sources s cross join lateral (
         select q.id, q.company_id, q.priority, q.created_at, q.other_agent_id as destination_agent_id,
           coalesce(bd.running, 0) as destination_running
         from (select id, company_id, priority, created_at, next_attempt_at,
                 -- Only an agent-to-agent transfer has a second agent to wait for.
                 case when source_agent_id is not null then destination_agent_id end as other_agent_id
               from transfers where runner_agent_id = s.id and state = 'queued'
               order by priority desc, created_at limit $3::int) q
           left join agents d on d.id = q.other_agent_id
           left join busy bd on bd.agent_id = d.id
         where q.next_attempt_at <= now()
           and (q.other_agent_id is null
             or (d.status = 'active' and d.online and d.data_port is not null and coalesce(bd.running, 0) < $2::int))
         order by q.priority desc, q.created_at
         limit s.free) c)
     select id, destination_agent_id, destination_running
     from (select ready.*, row_number() over (partition by company_id order by priority desc, created_at) as round
           from ready) ranked
     order by round, priority desc, created_at
     limit $4::int`,
    [options.heldAgentIds, options.maxPerAgent, options.scanPerSource, options.limit],
  );
}

export interface QueuedWithEndpoint extends TransferRow {
  data_host: string | null;
  data_port: number | null;
  data_fingerprint: string | null;
  /** What worked last on this path (source → destination), if anything did. */
  path_streams: number | null;
  path_chunk_size: number | null;
  /** A cloud transfer's store sends every file whole (GCS with a service account key: no multipart uploads). */
  store_puts_whole: boolean;
}

/** Locks the given transfers that are still queued (others' locks are skipped), with an agent destination's endpoint. */
export async function lockQueuedAsService(tx: Queryable, ids: string[]): Promise<Map<string, QueuedWithEndpoint>> {
  const rows = await tx.query<QueuedWithEndpoint>(
    `select ${TRANSFER_COLUMNS.replace(/(\w+)/g, 't.$1')},
       coalesce(d.data_host_override, d.data_host) as data_host, d.data_port, d.data_fingerprint,
       p.streams as path_streams, p.chunk_size as path_chunk_size,
       coalesce(l.kind = 'gcs' and l.credentials_shown ->> 'mode' = 'service_account', false) as store_puts_whole
     from transfers t left join agents d on d.id = t.destination_agent_id
       left join storage_locations l on l.id = coalesce(t.source_location_id, t.destination_location_id)
       left join transfer_paths p on p.source_agent_id = t.source_agent_id
         and p.destination_agent_id = t.destination_agent_id
     where t.id = any($1::uuid[]) and t.state = 'queued'
     for update of t skip locked`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** Which queued transfers to explain: some by id, or those of one agent (a few hundred, best first). */
export type ExplainScope = { transferIds: string[] } | { agentId: string; except?: string[] };

const PER_AGENT = 200;

function scopeQuery(scope: ExplainScope): { sql: string; params: unknown[] } {
  if ('transferIds' in scope) {
    return {
      sql: `select id from transfers where id = any($2::uuid[]) and state = 'queued'`,
      params: [scope.transferIds],
    };
  }
  return {
    sql: `(select id from transfers where runner_agent_id = $2 and state = 'queued'
             order by priority desc, created_at limit ${PER_AGENT})
          union
          (select id from transfers where destination_agent_id = $2 and state = 'queued' limit ${PER_AGENT})
          except select unnest($3::uuid[])`,
    params: [scope.agentId, scope.except ?? []],
  };
}

/** The next `limit` queued transfers after `after` (by id): a slice of the queue to explain each tick. */
export async function nextQueuedSliceAsService(tx: Queryable, after: string, limit: number): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `select id from transfers where state = 'queued' and id > $1::uuid order by id limit $2`,
    [after, limit],
  );
  return rows.map((row) => row.id);
}

/**
 * Sets why queued transfers wait, in words, where that changed; returns the rows it changed.
 * Rows still in their retry backoff keep the reason the failure gave.
 */
export async function explainWaitingAsService(
  tx: Queryable,
  scope: ExplainScope,
  maxPerAgent: number,
): Promise<TransferRow[]> {
  const { sql, params } = scopeQuery(scope);
  return tx.query<TransferRow>(
    `with ${BUSY},
     picked as (${sql}),
     -- Rows another pass holds are left for the next look: no waiting on them, no lock-order deadlock.
     locked as (select id from transfers where id in (select id from picked) and state = 'queued'
                for update skip locked),
     reasons as (
       select t.id, case
         when s.status <> 'active' then 'waiting: the source agent is ' || s.status
         when d.status <> 'active' then 'waiting: the destination agent is ' || d.status
         when not s.online then 'waiting for the source agent to come online'
         when not d.online then 'waiting for the destination agent to come online'
         -- A download from a location opens no data channel: its destination dials the store.
         when s.id is not null and d.data_port is null
           then 'waiting for the destination agent to open its data channel (it may need an update)'
         when coalesce(bs.running, 0) >= $1::int then 'waiting: the source agent already runs ' || $1::int || ' transfers'
         when coalesce(bd.running, 0) >= $1::int then 'waiting: the destination agent already runs ' || $1::int || ' transfers'
       end as reason
       -- A side that is a storage location has no agent (s or d is null): only the agents' states count.
       from transfers t join locked on locked.id = t.id
         left join agents s on s.id = t.source_agent_id left join agents d on d.id = t.destination_agent_id
         left join busy bs on bs.agent_id = t.source_agent_id left join busy bd on bd.agent_id = t.destination_agent_id
       where t.next_attempt_at <= now())
     update transfers t set state_reason = r.reason, updated_at = now(),
       -- A transient wait names what it waits for now (the source came back; the destination did not).
       waiting_for = case when t.waiting_for is null then null
                          when r.reason like 'waiting for the source agent%' then 'the source agent is offline'
                          when r.reason like 'waiting for the destination agent to come%' then 'the destination agent is offline'
                          else t.waiting_for end
     from reasons r
     where t.id = r.id and t.state = 'queued' and r.reason is not null and t.state_reason is distinct from r.reason
     returning ${TRANSFER_COLUMNS.replace(/(\w+)/g, 't.$1')}`,
    [maxPerAgent, ...params],
  );
}
