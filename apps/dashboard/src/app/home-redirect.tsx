import { Navigate } from '@tanstack/react-router';
import { useWorkspace } from './app-context.tsx';
import { useCurrentProject } from './current-project.ts';

/** `/`: the last project's fleet, or the project list when there is none yet. */
export default function HomeRedirect() {
  const { projects } = useWorkspace();
  const project = useCurrentProject(projects);
  if (!project) return <Navigate to="/projects" replace />;
  return <Navigate to="/p/$projectId/fleet" params={{ projectId: project.id }} replace />;
}
