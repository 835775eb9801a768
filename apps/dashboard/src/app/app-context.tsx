import type { Me, Permission, Project, Session } from '@tcpa/contracts';
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { RealtimeState } from '../realtime/realtime-client.ts';
import type { Services } from './services.ts';

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesContext missing');
  return services;
}

export function useSession(): Session | null {
  const { tokens } = useServices();
  return useSyncExternalStore(
    (listener) => tokens.subscribe(listener),
    () => tokens.current,
  );
}

/** True while the page asks whether its cookie still holds a session (after a load). */
export function useSessionResuming(): boolean {
  const { tokens } = useServices();
  return useSyncExternalStore(
    (listener) => tokens.subscribe(listener),
    () => tokens.resuming,
  );
}

/**
 * The connection state as the client has it now. An external store, not state copied at render
 * and subscribed after: a change between the two (the socket became ready while the shell
 * mounted, about one load in three) left the badge at "Connecting…" for good.
 */
export function useRealtimeState(): RealtimeState {
  const { realtime } = useServices();
  return useSyncExternalStore(
    (listener) => realtime.onState(listener),
    () => realtime.state,
  );
}

export function useBrowserOnline(): boolean {
  return useSyncExternalStore(
    (listener) => {
      window.addEventListener('online', listener);
      window.addEventListener('offline', listener);
      return () => {
        window.removeEventListener('online', listener);
        window.removeEventListener('offline', listener);
      };
    },
    () => navigator.onLine,
  );
}

/** The signed-in workspace: who you are, your projects, and which one is open. */
export interface Workspace {
  me: Me;
  projects: Project[];
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('WorkspaceContext missing');
  return workspace;
}

/** Company-wide: what your company role lets you do (people, API keys, integrations, audit, new projects). */
export function can(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

/** In one project: your company role's and your project role's permissions together, as the server counts them. */
export function canInProject(project: Project | undefined, permission: Permission): boolean {
  return project?.myPermissions.includes(permission) ?? false;
}

/** The project a `/p/$projectId` page shows (the project layout renders the page only once it is found). */
export function useProject(projectId: string): Project | undefined {
  return useWorkspace().projects.find((project) => project.id === projectId);
}
