import { ChangeMemberRoleBodySchema, IdSchema, MemberListSchema } from '@tcpa/contracts';
import { z } from 'zod';
import { notFound } from '../../http/app-error.ts';
import { tenantRoute } from '../../http/route.ts';
import { checkOwnerRules } from './member-rules.ts';
import {
  getMemberRole,
  listMembers,
  removeMember,
  revokeSessionsInCompanyAsService,
  setMemberRole,
} from './members.sql.ts';

const tags = ['people'];
const MemberParams = z.strictObject({ userId: IdSchema });

export const memberRoutes = [
  tenantRoute({
    method: 'get',
    path: '/api/v1/members',
    summary: "List the company's members and their roles",
    tags,
    access: { kind: 'company', permission: 'members:read' },
    response: MemberListSchema,
    async handler({ tx }) {
      return { members: await listMembers(tx) };
    },
  }),

  tenantRoute({
    method: 'patch',
    path: '/api/v1/members/:userId',
    summary: "Change a member's company role",
    tags,
    access: { kind: 'company', permission: 'members:write' },
    changesAccess: true,
    params: MemberParams,
    body: ChangeMemberRoleBodySchema,
    response: MemberListSchema,
    async handler({ tx, params, body, principal, audit }) {
      const currentRole = await getMemberRole(tx, params.userId);
      if (!currentRole) throw notFound('Member');
      await checkOwnerRules(tx, principal, { currentRole, newRole: body.role });
      await setMemberRole(tx, params.userId, body.role);
      await audit({
        action: 'member.role_changed',
        targetType: 'user',
        targetId: params.userId,
        details: { from: currentRole, to: body.role },
      });
      return { members: await listMembers(tx) };
    },
  }),

  tenantRoute({
    method: 'delete',
    path: '/api/v1/members/:userId',
    summary: 'Remove a member from the company (and from all its projects)',
    tags,
    access: { kind: 'company', permission: 'members:write' },
    changesAccess: true,
    params: MemberParams,
    response: null,
    async handler({ tx, params, principal, audit }) {
      const currentRole = await getMemberRole(tx, params.userId);
      if (!currentRole) throw notFound('Member');
      await checkOwnerRules(tx, principal, { currentRole, newRole: null });
      await removeMember(tx, params.userId);
      await revokeSessionsInCompanyAsService(tx, params.userId);
      await audit({
        action: 'member.removed',
        targetType: 'user',
        targetId: params.userId,
        details: { role: currentRole },
      });
      return undefined;
    },
  }),
];
