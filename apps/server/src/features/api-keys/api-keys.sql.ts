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
}

const COLUMNS = 'id, name, prefix, scopes, project_ids, created_by, created_at, expires_at, last_used_at, revoked_at';

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
    `insert into api_keys (company_id, created_by, name, prefix, secret_hash, scopes, project_ids, expires_at)
     values (app.company_id(), app.user_id(), $1, $2, $3, $4, $5, $6) returning ${COLUMNS}`,
    [input.name, input.prefix, input.secretHash, input.scopes, input.projectIds, input.expiresAt],
  );
  if (!row) throw new Error('insert returned nothing');
  return toApiKey(row);
}

export async function revokeApiKey(tx: Queryable, id: string): Promise<boolean> {
  const rows = await tx.query(
    'update api_keys set revoked_at = now() where id = $1 and revoked_at is null returning id',
    [id],
  );
  return rows.length > 0;
}
