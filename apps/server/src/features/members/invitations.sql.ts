import type { CompanyRole, Invitation } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';

export interface InvitationRow {
  id: string;
  company_id: string;
  email: string;
  role: CompanyRole;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
}

const COLUMNS = `i.id, i.company_id, i.email, r.key as role, i.created_at, i.expires_at, i.accepted_at, i.revoked_at`;

export function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    revokedAt: row.revoked_at,
  };
}

export async function listInvitations(tx: Queryable): Promise<Invitation[]> {
  const rows = await tx.query<InvitationRow>(
    `select ${COLUMNS} from invitations i join roles r on r.id = i.role_id order by i.created_at desc limit 200`,
  );
  return rows.map(toInvitation);
}

export async function createInvitation(
  tx: Queryable,
  input: { email: string; role: CompanyRole; tokenHash: string; ttlDays: number },
): Promise<Invitation> {
  // A new invitation to the same address replaces any still pending.
  await tx.query(
    `update invitations set revoked_at = now()
     where company_id = app.company_id() and lower(email) = lower($1)
       and accepted_at is null and revoked_at is null`,
    [input.email],
  );
  const [row] = await tx.query<InvitationRow>(
    `with inserted as (
       insert into invitations (company_id, email, role_id, token_hash, invited_by, expires_at)
       select app.company_id(), $1, r.id, $3, app.user_id(), now() + make_interval(days => $4)
       from roles r where r.company_id is null and r.scope = 'company' and r.key = $2
       returning *)
     select ${COLUMNS} from inserted i join roles r on r.id = i.role_id`,
    [input.email, input.role, input.tokenHash, input.ttlDays],
  );
  if (!row) throw new Error('insert returned nothing');
  return toInvitation(row);
}

export async function revokeInvitation(tx: Queryable, id: string): Promise<boolean> {
  const rows = await tx.query(
    `update invitations set revoked_at = now()
     where id = $1 and accepted_at is null and revoked_at is null returning id`,
    [id],
  );
  return rows.length > 0;
}

export async function findInvitationByTokenAsService(tx: Queryable, tokenHash: string) {
  const [row] = await tx.query<InvitationRow & { role_id: string }>(
    `select ${COLUMNS}, i.role_id from invitations i join roles r on r.id = i.role_id
     where i.token_hash = $1 for update of i`,
    [tokenHash],
  );
  return row;
}
