import type { Project, ProjectMember, ProjectRole } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';
import { refuseDuplicateName } from '../../http/duplicate-name.ts';

interface ProjectRow {
  id: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
  my_permissions: string[];
}

/**
 * Projects with what the caller may do in each, from `source` (the table, or a CTE of changed
 * rows) as `p`. The permissions come from one call per statement (see migration 023).
 */
const selectProjects = (source: string) =>
  `select p.id, p.name, p.description, p.created_at, p.updated_at,
     coalesce(mine.by_project -> p.id::text, mine.all_projects) as my_permissions
   from ${source} p cross join app.my_project_permissions() mine`;

function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    myPermissions: row.my_permissions,
  };
}

/** No company filter on purpose: row-level security returns only what the caller may see. */
export async function listProjects(tx: Queryable): Promise<Project[]> {
  const rows = await tx.query<ProjectRow>(`${selectProjects('projects')} order by p.name, p.id`);
  return rows.map(toProject);
}

export async function getProject(tx: Queryable, id: string): Promise<Project | undefined> {
  const [row] = await tx.query<ProjectRow>(`${selectProjects('projects')} where p.id = $1`, [id]);
  return row && toProject(row);
}

export async function createProject(tx: Queryable, input: { name: string; description: string }) {
  const [row] = await tx
    .query<ProjectRow>(
      `with created as (
         insert into projects (company_id, name, description) values (app.company_id(), $1, $2) returning *)
       ${selectProjects('created')}`,
      [input.name, input.description],
    )
    .catch(refuseDuplicateName('projects_company_id_name_key', 'A project', input.name));
  if (!row) throw new Error('insert returned nothing');
  return toProject(row);
}

export async function updateProject(tx: Queryable, id: string, input: { name?: string; description?: string }) {
  const [row] = await tx
    .query<ProjectRow>(
      `with updated as (
         update projects set name = coalesce($2, name), description = coalesce($3, description), updated_at = now()
         where id = $1 returning *)
       ${selectProjects('updated')}`,
      [id, input.name ?? null, input.description ?? null],
    )
    .catch(refuseDuplicateName('projects_company_id_name_key', 'A project', input.name));
  return row && toProject(row);
}

export async function deleteProject(tx: Queryable, id: string): Promise<boolean> {
  const rows = await tx.query('delete from projects where id = $1 returning id', [id]);
  return rows.length > 0;
}

interface ProjectMemberRow {
  user_id: string;
  email: string;
  name: string | null;
  role: ProjectRole;
  created_at: string;
}

export async function listProjectMembers(tx: Queryable, projectId: string): Promise<ProjectMember[]> {
  const rows = await tx.query<ProjectMemberRow>(
    `select pm.user_id, u.email, u.name, r.key as role, pm.created_at
     from project_members pm join users u on u.id = pm.user_id join roles r on r.id = pm.role_id
     where pm.project_id = $1 order by u.email`,
    [projectId],
  );
  return rows.map((row) => ({
    userId: row.user_id,
    email: row.email,
    name: row.name,
    role: row.role,
    addedAt: row.created_at,
  }));
}

/** Returns false when the user is not a member of the company. */
export async function setProjectMember(
  tx: Queryable,
  projectId: string,
  userId: string,
  role: ProjectRole,
): Promise<boolean> {
  const rows = await tx.query(
    `insert into project_members (project_id, company_id, user_id, role_id)
     select $1, m.company_id, m.user_id, r.id
     from company_memberships m, roles r
     where m.company_id = app.company_id() and m.user_id = $2
       and r.company_id is null and r.scope = 'project' and r.key = $3
     on conflict (project_id, user_id) do update set role_id = excluded.role_id
     returning user_id`,
    [projectId, userId, role],
  );
  return rows.length > 0;
}

export async function removeProjectMember(tx: Queryable, projectId: string, userId: string) {
  const rows = await tx.query('delete from project_members where project_id = $1 and user_id = $2 returning user_id', [
    projectId,
    userId,
  ]);
  return rows.length > 0;
}
