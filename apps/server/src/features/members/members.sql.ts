import type { CompanyRole, Member } from '@tcpa/contracts';
import type { Queryable, TenantQueryable } from '@tcpa/db';

interface MemberRow {
  user_id: string;
  email: string;
  name: string | null;
  role: CompanyRole;
  created_at: string;
}

export async function listMembers(tx: Queryable): Promise<Member[]> {
  const rows = await tx.query<MemberRow>(
    `select m.user_id, u.email, u.name, r.key as role, m.created_at
     from company_memberships m join users u on u.id = m.user_id join roles r on r.id = m.role_id
     order by m.created_at, u.email`,
  );
  return rows.map((row) => ({
    userId: row.user_id,
    email: row.email,
    name: row.name,
    role: row.role,
    joinedAt: row.created_at,
  }));
}

export async function getMemberRole(tx: Queryable, userId: string): Promise<CompanyRole | undefined> {
  const [row] = await tx.query<{ role: CompanyRole }>(
    `select r.key as role from company_memberships m join roles r on r.id = m.role_id
     where m.company_id = app.company_id() and m.user_id = $1`,
    [userId],
  );
  return row?.role;
}

/** Locks the company's owner memberships so two demotions cannot both pass the last-owner check. */
export async function countOwnersForUpdate(tx: Queryable): Promise<number> {
  const rows = await tx.query(
    `select m.user_id from company_memberships m join roles r on r.id = m.role_id
     where m.company_id = app.company_id() and r.key = 'owner' and r.scope = 'company'
     for update of m`,
  );
  return rows.length;
}

export async function setMemberRole(tx: Queryable, userId: string, role: CompanyRole) {
  await tx.query(
    `update company_memberships set role_id = (
       select id from roles where company_id is null and scope = 'company' and key = $2)
     where company_id = app.company_id() and user_id = $1`,
    [userId, role],
  );
}

export async function removeMember(tx: Queryable, userId: string) {
  await tx.query('delete from company_memberships where company_id = app.company_id() and user_id = $1', [userId]);
}

/** Ends the member's sessions in this company, as the owner: refresh tokens have no tenant grant. */
export async function revokeSessionsInCompanyAsService(tx: TenantQueryable, userId: string) {
  await tx.unsafeAsOwner((owner) =>
    owner.query(
      `update refresh_tokens set revoked_at = now()
       where user_id = $1 and company_id = app.company_id() and revoked_at is null`,
      [userId],
    ),
  );
}
