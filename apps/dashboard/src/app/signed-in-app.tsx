import { Outlet } from '@tanstack/react-router';
import type { Project } from '@tcpa/contracts';
import { useEffect, useMemo } from 'react';
import { ErrorNotice, Loading } from '../ui/states.tsx';
import { useAsync } from '../ui/use-async.ts';
import { useServices, useSession, type Workspace, WorkspaceContext } from './app-context.tsx';
import { rememberProject, useCurrentProject } from './current-project.ts';
import { Shell } from './shell.tsx';

/** The signed-in layout: who you are and your projects, the live connection, and the shell around the page. */
export default function SignedInApp() {
  const { api, realtime } = useServices();
  const session = useSession();
  const companyId = session?.company.id;
  const me = useAsync(() => api.me(), [companyId]);
  const projects = useAsync(() => api.listProjects(), [companyId]);

  useEffect(() => {
    realtime.start();
    return () => realtime.stop();
  }, [realtime]);

  const projectList: Project[] = projects.data?.projects ?? [];
  const currentProject = useCurrentProject(projectList);

  useEffect(() => {
    if (currentProject) rememberProject(currentProject);
  }, [currentProject]);

  const workspace = useMemo<Workspace | null>(
    () => (me.data && projects.data ? { me: me.data, projects: projectList, reloadProjects: projects.reload } : null),
    [me.data, projects.data, projectList, projects.reload],
  );

  if (me.error || projects.error)
    return (
      <main className="auth-page">
        <ErrorNotice
          message={me.error ?? projects.error ?? ''}
          onRetry={() => {
            me.reload();
            projects.reload();
          }}
        />
      </main>
    );
  if (!workspace) return <Loading what="Loading your workspace" />;

  return (
    <WorkspaceContext.Provider value={workspace}>
      <Shell currentProject={currentProject}>
        <Outlet />
      </Shell>
    </WorkspaceContext.Provider>
  );
}
