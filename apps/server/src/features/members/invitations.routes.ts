import { CreatedInvitationSchema, CreateInvitationBodySchema, IdSchema, InvitationListSchema } from '@tcpa/contracts';
import { z } from 'zod';
import { hashSecret, newSecret } from '../../auth/secrets.ts';
import { publicUrlOf } from '../../config/env.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import { tenantRoute } from '../../http/route.ts';
import { invitationAcceptRoutes } from './invitation-accept.routes.ts';
import { queueInvitationEmail } from './invitation-email.ts';
import { createInvitation, listInvitations, revokeInvitation } from './invitations.sql.ts';
import { requireOwnerToGrant } from './member-rules.ts';

const tags = ['people'];
const INVITATION_PREFIX = 'tcpi_';

export const invitationRoutes = [
  tenantRoute({
    method: 'get',
    path: '/api/v1/invitations',
    summary: 'List invitations, newest first',
    tags,
    access: { kind: 'company', permission: 'members:read' },
    response: InvitationListSchema,
    async handler({ tx }) {
      return { invitations: await listInvitations(tx) };
    },
  }),

  tenantRoute({
    method: 'post',
    path: '/api/v1/invitations',
    summary:
      'Invite someone to the company: the link is emailed to them (when SMTP_URL is set), and the response carries it too',
    tags,
    access: { kind: 'company', permission: 'members:write' },
    body: CreateInvitationBodySchema,
    response: CreatedInvitationSchema,
    status: 201,
    async handler({ tx, body, deps, principal, audit, afterCommit }) {
      await requireOwnerToGrant(tx, principal, body.role);
      const [existing] = await tx.query(
        `select 1 from company_memberships m join users u on u.id = m.user_id
         where m.company_id = app.company_id() and lower(u.email) = lower($1)`,
        [body.email],
      );
      if (existing) throw new AppError('conflict', `${body.email} is already a member of this company`);
      const token = newSecret(INVITATION_PREFIX);
      const invitation = await createInvitation(tx, {
        email: body.email,
        role: body.role,
        tokenHash: hashSecret(token),
        ttlDays: deps.config.INVITATION_TTL_DAYS,
      });
      await audit({
        action: 'invitation.created',
        targetType: 'invitation',
        targetId: invitation.id,
        details: { email: body.email, role: body.role },
      });
      const link = `${publicUrlOf(deps.config)}/invite?token=${encodeURIComponent(token)}`;
      await queueInvitationEmail(tx, deps.secretBox, { ...invitation, companyId: principal.companyId }, link);
      afterCommit(() => deps.deliveries.wake());
      return { invitation, token, link, emailed: Boolean(deps.config.SMTP_URL) };
    },
  }),

  tenantRoute({
    method: 'delete',
    path: '/api/v1/invitations/:invitationId',
    summary: 'Withdraw a pending invitation',
    tags,
    access: { kind: 'company', permission: 'members:write' },
    params: z.strictObject({ invitationId: IdSchema }),
    response: null,
    async handler({ tx, params, audit }) {
      if (!(await revokeInvitation(tx, params.invitationId))) throw notFound('Pending invitation');
      await audit({ action: 'invitation.revoked', targetType: 'invitation', targetId: params.invitationId });
      return undefined;
    },
  }),

  ...invitationAcceptRoutes,
];
