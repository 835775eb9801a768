import { Link, useNavigate } from '@tanstack/react-router';
import { type Project, type ProjectRole, ProjectRoleSchema } from '@tcpa/contracts';
import { type FormEvent, useState } from 'react';
import { can, canInProject, useWorkspace } from '../app/app-context.tsx';
import { useMembersQuery } from '../data/members/members-query.ts';
import { useCreateProjectMutation } from '../data/projects/create-project-mutation.ts';
import { useDeleteProjectMutation } from '../data/projects/delete-project-mutation.ts';
import { useProjectMembersQuery } from '../data/projects/project-members-query.ts';
import { useRemoveProjectMemberMutation } from '../data/projects/remove-project-member-mutation.ts';
import { useRenameProjectMutation } from '../data/projects/rename-project-mutation.ts';
import { useSetProjectMemberMutation } from '../data/projects/set-project-member-mutation.ts';
import { queryError } from '../data/query-error.ts';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { formatTime } from '../ui/format.ts';
import { RolePicker } from '../ui/role-picker.tsx';
import { Empty, FormError, PageHeader } from '../ui/states.tsx';
import { useAction } from '../ui/use-action.ts';

function ProjectMembers({ project }: { project: Project }) {
  const { me } = useWorkspace();
  const members = useProjectMembersQuery(project.id);
  const company = useMembersQuery({ enabled: can(me, 'members:read') });
  const setMember = useSetProjectMemberMutation(project.id);
  const removeMember = useRemoveProjectMemberMutation(project.id);
  const membersError = queryError(members.error);
  const [adding, setAdding] = useState({ userId: '', role: 'operator' as ProjectRole });
  const action = useAction();
  const canWrite = canInProject(project, 'project_members:write');

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!adding.userId) return action.setError('Choose a person to add.');
    await action.run(() => setMember.mutateAsync(adding));
  };

  const candidates = (company.data?.members ?? []).filter(
    (m) => !(members.data?.members ?? []).some((pm) => pm.userId === m.userId),
  );
  return (
    <div className="project-members">
      <h3>Members of {project.name}</h3>
      <p className="muted">Company owners and admins see every project; add other people here.</p>
      {membersError && <FormError message={membersError} />}
      {members.data && members.data.members.length === 0 && <p className="muted">No project members yet.</p>}
      {members.data && members.data.members.length > 0 && (
        <ul className="plain-list">
          {members.data.members.map((member) => (
            <li key={member.userId}>
              {member.name ?? member.email} <span className="badge">{member.role}</span>
              {canWrite && (
                <button
                  type="button"
                  className="danger secondary small"
                  onClick={() => void action.run(() => removeMember.mutateAsync(member.userId))}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite && candidates.length > 0 && (
        <form className="inline-form" onSubmit={add}>
          <label>
            Person
            <select value={adding.userId} onChange={(e) => setAdding({ ...adding, userId: e.target.value })}>
              <option value="">Choose…</option>
              {candidates.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name ?? m.email}
                </option>
              ))}
            </select>
          </label>
          <RolePicker
            label="Role"
            roles={ProjectRoleSchema.options}
            value={adding.role}
            onChange={(role) => setAdding({ ...adding, role })}
          />
          <button type="submit" disabled={action.pending}>
            Add to project
          </button>
        </form>
      )}
      <FormError message={action.error} />
    </div>
  );
}

export default function ProjectsPage() {
  const { me, projects } = useWorkspace();
  const createProject = useCreateProjectMutation();
  const renameProject = useRenameProjectMutation();
  const deleteProject = useDeleteProjectMutation();
  const [name, setName] = useState('');
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const action = useAction();
  const navigate = useNavigate();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const project = await action.run(() => createProject.mutateAsync({ name }));
    if (project) {
      setName('');
      await navigate({ to: '/p/$projectId/fleet', params: { projectId: project.id } });
    }
  };

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const done = await action.run(() => renameProject.mutateAsync({ projectId: editing.id, name: editing.name }));
    if (done) setEditing(null);
  };

  const remove = (project: Project) => action.run(() => deleteProject.mutateAsync(project.id));

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Projects" />
      {can(me, 'projects:create') && (
        <form className="card inline-form" onSubmit={create}>
          <label>
            New project name
            <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <button type="submit" disabled={action.pending}>
            Create project
          </button>
        </form>
      )}
      <FormError message={action.error} />
      {projects.length === 0 ? (
        <Empty title="No projects yet">
          <p>A project groups agents and transfers. Create one to add your first agent.</p>
        </Empty>
      ) : (
        <ul className="card-list">
          {projects.map((project) => (
            <li key={project.id} className="card">
              {editing?.id === project.id ? (
                <form className="inline-form" onSubmit={rename}>
                  <label>
                    Name
                    <input
                      required
                      value={editing.name}
                      onChange={(e) => setEditing({ ...editing, name: e.target.value })}
                    />
                  </label>
                  <button type="submit">Save</button>
                  <button type="button" className="secondary" onClick={() => setEditing(null)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <div className="card-row">
                  <div>
                    <Link to="/p/$projectId/fleet" params={{ projectId: project.id }} className="agent-name">
                      {project.name}
                    </Link>
                    <span className="sub">created {formatTime(project.createdAt)}</span>
                  </div>
                  <div className="page-actions">
                    <button
                      type="button"
                      className="secondary"
                      aria-expanded={open === project.id}
                      onClick={() => setOpen(open === project.id ? null : project.id)}
                    >
                      Members
                    </button>
                    {canInProject(project, 'projects:write') && (
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => setEditing({ id: project.id, name: project.name })}
                      >
                        Rename
                      </button>
                    )}
                    {canInProject(project, 'projects:delete') && (
                      <ConfirmButton
                        className="danger secondary"
                        question={`Delete project ${project.name}? Its agents and transfers are deleted too.`}
                        onConfirmed={() => void remove(project)}
                      >
                        Delete
                      </ConfirmButton>
                    )}
                  </div>
                </div>
              )}
              {open === project.id && <ProjectMembers project={project} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
