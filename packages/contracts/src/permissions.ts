import { z } from 'zod';

/** Permissions double as API key scopes. */
export const PermissionSchema = z.enum([
  'company:read',
  'company:write',
  'members:read',
  'members:write',
  'projects:create',
  'projects:delete',
  'projects:read',
  'projects:write',
  'project_members:write',
  'agents:read',
  'agents:write',
  'transfers:read',
  'transfers:write',
  'jobs:read',
  'jobs:write',
  'api_keys:read',
  'api_keys:write',
  'billing:read',
  'billing:write',
  'audit:read',
  'alerts:read',
  'alerts:write',
  'integrations:read',
  'integrations:write',
  'storage:read',
  'storage:write',
]);
export type Permission = z.infer<typeof PermissionSchema>;

export const CompanyRoleSchema = z.enum(['owner', 'admin', 'member', 'billing']);
export type CompanyRole = z.infer<typeof CompanyRoleSchema>;

export const ProjectRoleSchema = z.enum(['admin', 'operator', 'viewer']);
export type ProjectRole = z.infer<typeof ProjectRoleSchema>;
