import type { Permission } from '@tcpa/contracts';
import type { Database } from '@tcpa/db';
import { AppError } from '../http/app-error.ts';
import type { AccessTokens } from './access-tokens.ts';
import { API_KEY_PREFIX, prefixOf } from './prefixed-secrets.ts';
import type { Principal } from './principal.ts';
import { secretMatches } from './secrets.ts';

interface ApiKeyRow {
  id: string;
  company_id: string;
  created_by: string;
  secret_hash: string;
  scopes: Permission[];
  project_ids: string[] | null;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  ancestor_revoked: boolean;
  ancestor_expires_at: string | null;
  creator_is_member: boolean;
  plan_has_api: boolean;
  plan_name: string;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** A key, its plan, and what its ancestors allow (a key minted by a key dies with it). */
const API_KEY_SQL = `select k.id, k.company_id, k.created_by, k.secret_hash, k.scopes, k.project_ids,
              k.expires_at, k.revoked_at, k.last_used_at,
              coalesce(a.revoked, false) as ancestor_revoked, a.expires_at as ancestor_expires_at,
              exists (select from company_memberships m
                      where m.company_id = k.company_id and m.user_id = k.created_by) as creator_is_member,
              'api' = any(p.features) as plan_has_api, p.name as plan_name
       from api_keys k
       join subscriptions s on s.company_id = k.company_id
       join plans p on p.id = s.plan_id
       left join lateral (
         with recursive ancestors (id, parent_id, revoked_at, expires_at) as (
           select a.id, a.parent_id, a.revoked_at, a.expires_at from api_keys a where a.id = k.parent_id
           union all
           select a.id, a.parent_id, a.revoked_at, a.expires_at from api_keys a join ancestors c on a.id = c.parent_id
         )
         select bool_or(revoked_at is not null) as revoked, min(expires_at) as expires_at from ancestors
       ) a on true`;

/**
 * Looks the key up outside tenant scope (the caller is not known yet) by its public prefix,
 * then compares the hash in constant time. Read on every request, so a revoked key stops at once.
 */
async function authenticateApiKeyAsService(database: Database, secret: string): Promise<Principal> {
  const prefix = prefixOf(secret, API_KEY_PREFIX);
  if (!prefix) throw new AppError('unauthorized', 'API key is malformed: copy the whole key, starting with tcpa_');
  const [key] = await database.unsafeAsOwner((tx) =>
    tx.query<ApiKeyRow>(`${API_KEY_SQL} where k.prefix = $1`, [prefix]),
  );
  if (!key || !secretMatches(secret, key.secret_hash)) {
    throw new AppError('unauthorized', 'API key is not valid');
  }
  requireUsableKey(key);
  if (!key.last_used_at || Date.now() - Date.parse(key.last_used_at) > LAST_USED_RESOLUTION_MS) {
    await database.unsafeAsOwner((tx) => tx.query('update api_keys set last_used_at = now() where id = $1', [key.id]));
  }
  return {
    kind: 'api_key',
    userId: key.created_by,
    companyId: key.company_id,
    apiKeyId: key.id,
    scopes: key.scopes,
    projectIds: key.project_ids,
  };
}

/**
 * Checks again, by id, a key accepted earlier (revoked, expired, its creator gone, API access
 * lost), for connections that outlive one request. Returns when the key expires.
 */
export async function recheckApiKeyAsService(
  database: Database,
  apiKeyId: string,
): Promise<{ expiresAt: string | null }> {
  const [key] = await database.unsafeAsOwner((tx) => tx.query<ApiKeyRow>(`${API_KEY_SQL} where k.id = $1`, [apiKeyId]));
  if (!key) throw new AppError('unauthorized', 'API key is not valid');
  requireUsableKey(key);
  const expiries = [key.expires_at, key.ancestor_expires_at].filter((at): at is string => at !== null);
  return { expiresAt: expiries.sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null };
}

function requireUsableKey(key: ApiKeyRow) {
  if (key.revoked_at) throw new AppError('unauthorized', 'API key has been revoked: create a new one');
  if (key.expires_at && Date.parse(key.expires_at) <= Date.now()) {
    throw new AppError('unauthorized', `API key expired at ${key.expires_at}: create a new one`);
  }
  // A key minted by a key dies with it, whatever its own row says (rows from before that rule too).
  if (key.ancestor_revoked) {
    throw new AppError('unauthorized', 'API key was created by a key that has been revoked: create a new one');
  }
  if (key.ancestor_expires_at && Date.parse(key.ancestor_expires_at) <= Date.now()) {
    throw new AppError(
      'unauthorized',
      `API key was created by a key that expired at ${key.ancestor_expires_at}: create a new one`,
    );
  }
  if (!key.creator_is_member) {
    throw new AppError('unauthorized', 'API key belongs to a user who has left the company: create a new one');
  }
  if (!key.plan_has_api) {
    throw new AppError(
      'plan_limit',
      `The ${key.plan_name} plan does not include API access: upgrade to Starter or above`,
    );
  }
}

export async function authenticate(
  authorization: string | undefined,
  database: Database,
  tokens: AccessTokens,
): Promise<Principal> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  const credential = match?.[1];
  if (!credential) {
    throw new AppError('unauthorized', 'Sign in first: send "Authorization: Bearer <access token or API key>"');
  }
  if (credential.startsWith(API_KEY_PREFIX)) return authenticateApiKeyAsService(database, credential);
  const claims = await tokens.verify(credential);
  await refuseEndedSessionAsService(database, claims.sessionId);
  return { kind: 'user', ...claims };
}

export async function isSessionLiveAsService(database: Database, familyId: string): Promise<boolean> {
  const [session] = await database.unsafeAsOwner((tx) =>
    tx.query<{ live: boolean }>(
      'select exists (select from refresh_tokens where family_id = $1 and revoked_at is null) as live',
      [familyId],
    ),
  );
  return session?.live === true;
}

/**
 * An access token is valid until it expires, but its session (the refresh-token family named by
 * `sid`) may end sooner: logout, a password change, removal from the company or a replayed
 * refresh token revoke the family. One lookup on a partial index of live tokens per request.
 */
async function refuseEndedSessionAsService(database: Database, familyId: string) {
  if (!(await isSessionLiveAsService(database, familyId))) {
    throw new AppError(
      'unauthorized',
      'This session has ended (signed out, password changed or access removed): sign in again',
    );
  }
}
