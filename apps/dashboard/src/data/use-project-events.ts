import { useEffect } from 'react';
import { useServices } from '../app/app-context.tsx';

/** Keeps the project's cached agents and transfers live while the calling component is mounted. */
export function useProjectEvents(projectId: string) {
  const { projectEvents } = useServices();
  useEffect(() => projectEvents.watch(projectId), [projectEvents, projectId]);
}
