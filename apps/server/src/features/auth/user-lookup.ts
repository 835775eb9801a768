import type { Company, CompanyRole, User } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';

export interface UserRow {
  id: string;
  email: string;
  name: string | null;
  password_hash: string;
  created_at: string;
  email_verified_at: string | null;
}

export function toUser(row: Pick<UserRow, 'id' | 'email' | 'name' | 'created_at'>): User {
  return { id: row.id, email: row.email, name: row.name, createdAt: row.created_at };
}

export async function findUserByEmailAsService(tx: Queryable, email: string) {
  const [row] = await tx.query<UserRow>(
    'select id, email, name, password_hash, created_at, email_verified_at from users where lower(email) = lower($1)',
    [email],
  );
  return row;
}

export async function findUserByIdAsService(tx: Queryable, userId: string) {
  const [row] = await tx.query<UserRow>(
    'select id, email, name, password_hash, created_at, email_verified_at from users where id = $1',
    [userId],
  );
  return row;
}

/** Every company the user belongs to (across tenants, for the company switcher), oldest first. */
export async function listCompaniesOfUserAsService(tx: Queryable, userId: string): Promise<Company[]> {
  const rows = await tx.query<{ id: string; name: string; role: CompanyRole; plan_id: string }>(
    `select c.id, c.name, r.key as role, s.plan_id
     from company_memberships m
     join companies c on c.id = m.company_id
     join roles r on r.id = m.role_id
     join subscriptions s on s.company_id = c.id
     where m.user_id = $1
     order by m.created_at, c.id`,
    [userId],
  );
  return rows.map((row) => ({ id: row.id, name: row.name, role: row.role, planId: row.plan_id }));
}
