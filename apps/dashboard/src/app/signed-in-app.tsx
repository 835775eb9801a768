import { Outlet } from '@tanstack/react-router';
import type { Project } from '@tcpa/contracts';
import { useEffect, useMemo } from 'react';
import { useProjectsQuery } from '../data/projects/projects-query.ts';
import { queryError } from '../data/query-error.ts';
import { useMeQuery } from '../data/session/me-query.ts';
import { ErrorNotice, Loading } from '../ui/states.tsx';
import { useServices, type Workspace, WorkspaceContext } from './app-context.tsx';
import { rememberProject, useCurrentProject } from './current-project.ts';
import { Shell } from './shell.tsx';

/** The signed-in layout: who you are and your projects, the live connection, and the shell around the page. */
export default function SignedInApp() {
  const { realtime } = useServices();
  const me = useMeQuery();
  const projects = useProjectsQuery();

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
    () => (me.data && projects.data ? { me: me.data, projects: projectList } : null),
    [me.data, projects.data, projectList],
  );

  const error = queryError(me.error) ?? queryError(projects.error);
  if (error)
    return (
      <main className="auth-page">
        <ErrorNotice
          message={error}
          onRetry={() => {
            void me.refetch();
            void projects.refetch();
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
