import {
  AcceptInvitationBodySchema,
  InvitationPreviewBodySchema,
  InvitationPreviewSchema,
  JoinInvitationBodySchema,
  SessionSchema,
} from '@tcpa/contracts';
import type { Database, Queryable, TenantQueryable } from '@tcpa/db';
import type { z } from 'zod';
import { hashPassword } from '../../auth/passwords.ts';
import { AppError } from '../../http/app-error.ts';
import type { RequestMeta } from '../../http/request-meta.ts';
import { publicRoute, tenantRoute } from '../../http/route.ts';
import type { ServerDeps } from '../../server-deps.ts';
import { deliverSession } from '../auth/session-cookie.ts';
import { findUserByEmailAsService, findUserByIdAsService, type UserRow } from '../auth/user-lookup.ts';
import {
  findUsableInvitationAsService,
  joinInvitedCompanyAsService,
  signInToAcceptError,
} from './invitation-acceptance.ts';

const tags = ['people'];
type AcceptInvitationBody = z.output<typeof AcceptInvitationBodySchema>;
type JoinInvitationBody = z.output<typeof JoinInvitationBodySchema>;

/** Before anyone is signed in: the token is the only credential. */
async function previewInvitationAsService(database: Database, token: string) {
  return database.unsafeAsOwner(async (tx) => {
    const invitation = await findUsableInvitationAsService(tx, token);
    const [company] = await tx.query<{ name: string }>('select name from companies where id = $1', [
      invitation.company_id,
    ]);
    return {
      email: invitation.email,
      companyName: company?.name ?? '',
      role: invitation.role,
      expiresAt: invitation.expires_at,
    };
  });
}

async function checkInvitationUsableAsService(database: Database, token: string) {
  return database.unsafeAsOwner((tx) => refuseUnusable(tx, token));
}

async function acceptAsNewPersonAsService(
  { body, deps, meta }: { body: AcceptInvitationBody; deps: ServerDeps; meta: RequestMeta },
  passwordHash: string,
) {
  return deps.database.unsafeAsOwner(async (tx) => {
    const invitation = await refuseUnusable(tx, body.token);
    // The invitation's link went to this address (by email, or from an admin who chose the
    // address): the account starts verified, with no second email to confirm the same thing.
    const [user] = await tx.query<UserRow>(
      `insert into users (email, name, password_hash, email_verified_at) values ($1, $2, $3, now())
       returning id, email, name, password_hash, created_at, email_verified_at`,
      [invitation.email, body.name ?? null, passwordHash],
    );
    if (!user) throw new Error('insert returned nothing');
    return joinInvitedCompanyAsService(tx, deps, meta, invitation, user);
  });
}

async function joinAsSignedInUserAsService(
  tx: TenantQueryable,
  { body, deps, meta }: { body: JoinInvitationBody; deps: ServerDeps; meta: RequestMeta },
  userId: string,
) {
  return tx.unsafeAsOwner(async (owner) => {
    const invitation = await findUsableInvitationAsService(owner, body.token);
    const user = await findUserByIdAsService(owner, userId);
    if (!user) throw new AppError('unauthorized', 'Your account no longer exists');
    if (user.email.toLowerCase() !== invitation.email.toLowerCase()) {
      throw new AppError(
        'forbidden',
        `This invitation is for ${invitation.email}, and you are signed in as ${user.email}: sign in as ${invitation.email} to accept it`,
      );
    }
    return joinInvitedCompanyAsService(owner, deps, meta, invitation, user);
  });
}

/** A usable invitation whose address has no account yet: an existing account signs in and joins. */
async function refuseUnusable(tx: Queryable, token: string) {
  const invitation = await findUsableInvitationAsService(tx, token);
  if (await findUserByEmailAsService(tx, invitation.email)) throw signInToAcceptError(invitation.email);
  return invitation;
}

/**
 * The link's holder (the invited person, and the inviter too while links are handed over by hand)
 * can see what it offers and accept it. An existing account joins only while signed in as itself,
 * so accept never checks a password and is no way to guess one.
 */
export const invitationAcceptRoutes = [
  publicRoute({
    method: 'post',
    path: '/api/v1/invitations/preview',
    summary: 'What an invitation link offers: company, role and the invited address',
    tags,
    body: InvitationPreviewBodySchema,
    response: InvitationPreviewSchema,
    async handler({ body, deps }) {
      return previewInvitationAsService(deps.database, body.token);
    },
  }),

  publicRoute({
    method: 'post',
    path: '/api/v1/invitations/accept',
    summary:
      'Accept an invitation as a new person by choosing a password (an address that has an account signs in and uses /invitations/join)',
    tags,
    body: AcceptInvitationBodySchema,
    response: SessionSchema,
    deliver: deliverSession,
    async handler({ body, deps, meta }) {
      // Checked before hashing, so only the holder of a usable invitation costs a hash; the hash
      // itself runs outside any transaction.
      await checkInvitationUsableAsService(deps.database, body.token);
      const passwordHash = await hashPassword(body.password);
      return acceptAsNewPersonAsService({ body, deps, meta }, passwordHash);
    },
  }),

  tenantRoute({
    method: 'post',
    path: '/api/v1/invitations/join',
    summary: 'Accept an invitation as the account you are signed in as (its address must be the invited one)',
    tags,
    access: { kind: 'signed_in' },
    body: JoinInvitationBodySchema,
    response: SessionSchema,
    deliver: deliverSession,
    async handler({ body, deps, principal, meta, tx }) {
      if (principal.kind !== 'user') {
        throw new AppError('forbidden', 'API keys cannot accept invitations: sign in as the invited person');
      }
      return joinAsSignedInUserAsService(tx, { body, deps, meta }, principal.userId);
    },
  }),
];
