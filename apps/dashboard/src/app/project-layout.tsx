import { Outlet } from '@tanstack/react-router';
import { ErrorNotice } from '../ui/states.tsx';
import { useWorkspace } from './app-context.tsx';
import { useCurrentProject } from './current-project.ts';

/** `/p/$projectId/…`: the project's pages, once the address names a project this account can see. */
export default function ProjectLayout() {
  const { projects } = useWorkspace();
  if (!useCurrentProject(projects))
    return <ErrorNotice message="This project does not exist or you cannot see it. Pick another one in the menu." />;
  return <Outlet />;
}
