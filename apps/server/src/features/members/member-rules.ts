import type { CompanyRole } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';
import type { Principal } from '../../auth/principal.ts';
import { AppError } from '../../http/app-error.ts';
import { countOwnersForUpdate, getMemberRole } from './members.sql.ts';

/** Only owners may make, unmake or remove owners; a company always keeps one owner. */
export async function checkOwnerRules(
  tx: Queryable,
  principal: Principal,
  target: { userId: string; currentRole: CompanyRole; newRole: CompanyRole | null },
) {
  const touchesOwner = target.currentRole === 'owner' || target.newRole === 'owner';
  if (!touchesOwner) return;
  if ((await getMemberRole(tx, principal.userId)) !== 'owner') {
    throw new AppError('forbidden', 'Only an owner can grant, change or remove the owner role');
  }
  if (target.currentRole === 'owner' && target.newRole !== 'owner' && (await countOwnersForUpdate(tx)) <= 1) {
    throw new AppError('conflict', 'A company needs at least one owner: make someone else owner first');
  }
}
