import { useParams } from '@tanstack/react-router';
import type { Project } from '@tcpa/contracts';

const LAST_PROJECT_KEY = 'tcpa.lastProject';

/**
 * The project in the address; elsewhere the one last open (or the first). Undefined when the
 * address names a project this account cannot see.
 */
export function useCurrentProject(projects: Project[]): Project | undefined {
  const { projectId } = useParams({ strict: false });
  if (projectId) return projects.find((project) => project.id === projectId);
  const remembered = localStorage.getItem(LAST_PROJECT_KEY);
  return projects.find((project) => project.id === remembered) ?? projects[0];
}

export function rememberProject(project: Project) {
  localStorage.setItem(LAST_PROJECT_KEY, project.id);
}
