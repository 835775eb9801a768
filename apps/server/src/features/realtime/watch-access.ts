import { CloseCode, type Permission, PROJECT_EVENT_PERMISSIONS } from '@tcpa/contracts';
import type { Database } from '@tcpa/db';
import { isSessionLiveAsService, recheckApiKeyAsService } from '../../auth/authenticate.ts';
import { claimsOf, type Principal } from '../../auth/principal.ts';
import { AppError } from '../../http/app-error.ts';

/** The permissions project events need, each once. */
const EVENT_PERMISSIONS = [...new Set(Object.values(PROJECT_EVENT_PERMISSIONS))];

export interface WatchAccess {
  /** Set when the caller may not hold a realtime connection at all any more: close with this. */
  lost: { code: number; reason: string } | null;
  /** For each project asked about, the event permissions the caller holds there now (none: absent). */
  grants: Map<string, Set<Permission>>;
}

const lost = (code: number, reason: string): WatchAccess => ({ lost: { code, reason }, grants: new Map() });

/**
 * What the caller may watch now, asked of the same SQL functions the routes' access checks use
 * (`app.project_ids_with`, computed from the tables for this transaction): a changed role,
 * project membership, key scope or revocation shows at once. A key is checked again as on
 * every request (revoked, expired, creator gone, plan without API access), a person's session
 * as on every request (signed out, password changed).
 */
export async function readWatchAccess(
  database: Database,
  principal: Principal,
  projectIds: string[],
): Promise<WatchAccess> {
  if (principal.kind === 'api_key') {
    try {
      await recheckApiKeyAsService(database, principal.apiKeyId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return lost(error.code === 'unauthorized' ? CloseCode.unauthorized : CloseCode.forbidden, error.message);
    }
  }
  const access = await database.withClaims(claimsOf(principal), async (tx) => {
    const [membership] = await tx.query<{ member: boolean }>(
      `select exists (select from company_memberships
                      where company_id = app.company_id() and user_id = app.user_id()) as member`,
    );
    if (!membership?.member) return lost(CloseCode.forbidden, 'You are no longer a member of this company');
    const rows = await tx.query<{ permission: Permission; project_ids: string[] }>(
      `select permission,
              array(select id from unnest(app.project_ids_with(permission)) as id where id = any($2::uuid[])) as project_ids
       from unnest($1::text[]) as permission`,
      [EVENT_PERMISSIONS, projectIds],
    );
    const grants = new Map<string, Set<Permission>>();
    for (const row of rows) {
      for (const projectId of row.project_ids) {
        const held = grants.get(projectId) ?? new Set<Permission>();
        held.add(row.permission);
        grants.set(projectId, held);
      }
    }
    return { lost: null, grants };
  });
  if (!access.lost && principal.kind === 'user' && !(await isSessionLiveAsService(database, principal.sessionId))) {
    return lost(CloseCode.unauthorized, 'This session has ended (signed out or password changed): sign in again');
  }
  return access;
}
