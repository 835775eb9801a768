import type { ApiKey, Permission } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: Permission[];
  project_ids: string[] | null;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  parent_id: string | null;
}

const COLUMNS =
  'id, name, prefix, scopes, project_ids, created_by, created_at, expires_at, last_used_at, revoked_at, parent_id';

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    projectIds: row.project_ids,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    parentId: row.parent_id,
  };
}

export async function listApiKeys(tx: Queryable): Promise<ApiKey[]> {
  const rows = await tx.query<ApiKeyRow>(`select ${COLUMNS} from api_keys order by created_at desc`);
  return rows.map(toApiKey);
}

export async function insertApiKey(
  tx: Queryable,
  input: {
    name: string;
    prefix: string;
    secretHash: string;
    scopes: Permission[];
    projectIds: string[] | null;
    expiresAt: string | null;
  },
): Promise<ApiKey> {
  const [row] = await tx.query<ApiKeyRow>(
    `insert into api_keys (company_id, created_by, parent_id, name, prefix, secret_hash, scopes, project_ids, expires_at)
     values (app.company_id(), app.user_id(), app.api_key_id(), $1, $2, $3, $4, $5, $6) returning ${COLUMNS}`,
    [input.name, input.prefix, input.secretHash, input.scopes, input.projectIds, input.expiresAt],
  );
  if (!row) throw new Error('insert returned nothing');
  return toApiKey(row);
}

/** The calling key's generation (1 for a key a person made) and the earliest expiry along its chain. */
export async function describeCallingKey(tx: Queryable): Promise<{ generation: number; expiresAt: string | null }> {
  const [row] = await tx.query<{ generation: number; expires_at: string | null }>(
    `with recursive chain (id, parent_id, expires_at) as (
       select id, parent_id, expires_at from api_keys where id = app.api_key_id()
       union all
       select k.id, k.parent_id, k.expires_at from api_keys k join chain c on k.id = c.parent_id
     )
     select count(*)::int as generation, min(expires_at) as expires_at from chain`,
  );
  return { generation: row?.generation ?? 0, expiresAt: row?.expires_at ?? null };
}

/** Revokes the key and every key minted from it, directly or not; returns the ids it revoked. */
export async function revokeApiKeyAndDescendants(tx: Queryable, id: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `with recursive tree (id) as (
       select id from api_keys where id = $1
       union all
       select k.id from api_keys k join tree t on k.parent_id = t.id
     )
     update api_keys set revoked_at = now()
     where id in (select id from tree) and revoked_at is null
     returning id`,
    [id],
  );
  return rows.map((row) => row.id);
}
