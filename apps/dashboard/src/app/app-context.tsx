import type { Me, Project, Session } from '@tcpa/contracts';
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

export function can(me: Me, permission: string): boolean {
  return me.permissions.includes(permission);
}
