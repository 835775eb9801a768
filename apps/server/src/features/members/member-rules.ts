import type { CompanyRole } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';
import type { Principal } from '../../auth/principal.ts';
import { AppError } from '../../http/app-error.ts';
import { countOwnersForUpdate, getMemberRole } from './members.sql.ts';

/** Only an owner may hand out the owner role (by role change or by invitation). */
export async function requireOwnerToGrant(tx: Queryable, principal: Principal, role: CompanyRole) {
  if (role === 'owner' && (await getMemberRole(tx, principal.userId)) !== 'owner') {
    throw new AppError('forbidden', 'Only an owner can grant, change or remove the owner role');
  }
}

/** Only owners may make, unmake or remove owners; a company always keeps one owner. */
export async function checkOwnerRules(
  tx: Queryable,
  principal: Principal,
  change: { currentRole: CompanyRole; newRole: CompanyRole | null },
) {
  if (change.currentRole !== 'owner' && change.newRole !== 'owner') return;
  await requireOwnerToGrant(tx, principal, 'owner');
  if (change.currentRole === 'owner' && change.newRole !== 'owner' && (await countOwnersForUpdate(tx)) <= 1) {
    throw new AppError('conflict', 'A company needs at least one owner: make someone else owner first');
  }
}
