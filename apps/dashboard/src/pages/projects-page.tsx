import { Link, useNavigate } from '@tanstack/react-router';
import { type Project, type ProjectRole, ProjectRoleSchema } from '@tcpa/contracts';
import { type FormEvent, useState } from 'react';
import { can, useServices, useWorkspace } from '../app/app-context.tsx';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { formatTime } from '../ui/format.ts';
import { RolePicker } from '../ui/role-picker.tsx';
import { Empty, FormError, PageHeader } from '../ui/states.tsx';
import { useAction, useAsync } from '../ui/use-async.ts';

function ProjectMembers({ project }: { project: Project }) {
  const { api } = useServices();
  const { me } = useWorkspace();
  const members = useAsync(() => api.listProjectMembers(project.id), [project.id]);
  const company = useAsync(
    () => (can(me, 'members:read') ? api.listMembers() : Promise.resolve({ members: [] })),
    [me],
  );
  const [adding, setAdding] = useState({ userId: '', role: 'operator' as ProjectRole });
  const action = useAction();
  const canWrite = can(me, 'project_members:write');

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!adding.userId) return action.setError('Choose a person to add.');
    const result = await action.run(() => api.setProjectMember(project.id, adding.userId, adding.role));
    if (result) members.setData(() => result);
  };

  const candidates = (company.data?.members ?? []).filter(
    (m) => !(members.data?.members ?? []).some((pm) => pm.userId === m.userId),
  );
  return (
    <div className="project-members">
      <h3>Members of {project.name}</h3>
      <p className="muted">Company owners and admins see every project; add other people here.</p>
      {members.error && <FormError message={members.error} />}
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
                  onClick={() =>
                    void action.run(async () => {
                      await api.removeProjectMember(project.id, member.userId);
                      members.reload();
                    })
                  }
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
  const { api } = useServices();
  const { me, projects, reloadProjects } = useWorkspace();
  const [name, setName] = useState('');
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const action = useAction();
  const navigate = useNavigate();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const project = await action.run(() => api.createProject({ name }));
    if (project) {
      setName('');
      reloadProjects();
      await navigate({ to: '/p/$projectId/fleet', params: { projectId: project.id } });
    }
  };

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const done = await action.run(() => api.renameProject(editing.id, editing.name));
    if (done) {
      setEditing(null);
      reloadProjects();
    }
  };

  const remove = async (project: Project) => {
    const done = await action.run(async () => {
      await api.deleteProject(project.id);
      return true;
    });
    if (done) reloadProjects();
  };

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
                    {can(me, 'projects:write') && (
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => setEditing({ id: project.id, name: project.name })}
                      >
                        Rename
                      </button>
                    )}
                    {can(me, 'projects:delete') && (
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
