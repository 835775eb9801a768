import {
  CreateProjectBodySchema,
  IdSchema,
  ProjectListSchema,
  ProjectMemberListSchema,
  ProjectSchema,
  SetProjectMemberBodySchema,
  UpdateProjectBodySchema,
} from '@tcpa/contracts';
import { z } from 'zod';
import { AppError, notFound } from '../../http/app-error.ts';
import { tenantRoute } from '../../http/route.ts';
import {
  createProject,
  deleteProject,
  getProject,
  listProjectMembers,
  listProjects,
  removeProjectMember,
  setProjectMember,
  updateProject,
} from './projects.sql.ts';

const tags = ['projects'];
const ProjectParams = z.strictObject({ projectId: IdSchema });
const ProjectMemberParams = z.strictObject({ projectId: IdSchema, userId: IdSchema });

export const projectRoutes = [
  tenantRoute({
    method: 'get',
    path: '/api/v1/projects',
    summary: 'List the projects you can see, each with what you may do in it',
    tags,
    access: { kind: 'signed_in', scope: 'projects:read' },
    response: ProjectListSchema,
    async handler({ tx }) {
      return { projects: await listProjects(tx) };
    },
  }),

  tenantRoute({
    method: 'post',
    path: '/api/v1/projects',
    summary: 'Create a project (counts against the plan limit)',
    tags,
    access: { kind: 'company', permission: 'projects:create' },
    body: CreateProjectBodySchema,
    response: ProjectSchema,
    status: 201,
    async handler({ tx, body, audit }) {
      const project = await createProject(tx, { name: body.name, description: body.description ?? '' });
      await audit({
        action: 'project.created',
        targetType: 'project',
        targetId: project.id,
        details: { name: project.name },
      });
      return project;
    },
  }),

  tenantRoute({
    method: 'get',
    path: '/api/v1/projects/:projectId',
    summary: 'Get a project',
    tags,
    access: { kind: 'project', permission: 'projects:read', param: 'projectId' },
    params: ProjectParams,
    response: ProjectSchema,
    async handler({ tx, params }) {
      const project = await getProject(tx, params.projectId);
      if (!project) throw notFound('Project');
      return project;
    },
  }),

  tenantRoute({
    method: 'patch',
    path: '/api/v1/projects/:projectId',
    summary: 'Rename a project or change its description',
    tags,
    access: { kind: 'project', permission: 'projects:write', param: 'projectId' },
    params: ProjectParams,
    body: UpdateProjectBodySchema,
    response: ProjectSchema,
    async handler({ tx, params, body, audit }) {
      const project = await updateProject(tx, params.projectId, body);
      if (!project) throw notFound('Project');
      await audit({ action: 'project.updated', targetType: 'project', targetId: project.id, details: body });
      return project;
    },
  }),

  tenantRoute({
    method: 'delete',
    path: '/api/v1/projects/:projectId',
    summary: 'Delete a project and everything in it',
    tags,
    access: { kind: 'project', permission: 'projects:delete', param: 'projectId' },
    changesAccess: true,
    params: ProjectParams,
    response: null,
    async handler({ tx, params, audit }) {
      if (!(await deleteProject(tx, params.projectId))) throw notFound('Project');
      await audit({ action: 'project.deleted', targetType: 'project', targetId: params.projectId });
      return undefined;
    },
  }),

  tenantRoute({
    method: 'get',
    path: '/api/v1/projects/:projectId/members',
    summary: 'List the members of a project',
    tags,
    access: { kind: 'project', permission: 'projects:read', param: 'projectId' },
    params: ProjectParams,
    response: ProjectMemberListSchema,
    async handler({ tx, params }) {
      return { members: await listProjectMembers(tx, params.projectId) };
    },
  }),

  tenantRoute({
    method: 'put',
    path: '/api/v1/projects/:projectId/members/:userId',
    summary: 'Add a company member to a project, or change their project role',
    tags,
    access: { kind: 'project', permission: 'project_members:write', param: 'projectId' },
    changesAccess: true,
    params: ProjectMemberParams,
    body: SetProjectMemberBodySchema,
    response: ProjectMemberListSchema,
    async handler({ tx, params, body, audit }) {
      if (!(await setProjectMember(tx, params.projectId, params.userId, body.role))) {
        throw new AppError('not_found', 'That user is not a member of your company: invite them first');
      }
      await audit({
        action: 'project.member_set',
        targetType: 'project',
        targetId: params.projectId,
        details: { userId: params.userId, role: body.role },
      });
      return { members: await listProjectMembers(tx, params.projectId) };
    },
  }),

  tenantRoute({
    method: 'delete',
    path: '/api/v1/projects/:projectId/members/:userId',
    summary: 'Remove a member from a project',
    tags,
    access: { kind: 'project', permission: 'project_members:write', param: 'projectId' },
    changesAccess: true,
    params: ProjectMemberParams,
    response: null,
    async handler({ tx, params, audit }) {
      if (!(await removeProjectMember(tx, params.projectId, params.userId))) throw notFound('Project member');
      await audit({
        action: 'project.member_removed',
        targetType: 'project',
        targetId: params.projectId,
        details: { userId: params.userId },
      });
      return undefined;
    },
  }),
];
