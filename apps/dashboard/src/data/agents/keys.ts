import { projectKeys } from '../projects/keys.ts';

export interface AgentListFilter {
  /** The list leaves revoked agents out unless asked. */
  includeRevoked: boolean;
}

export const agentKeys = {
  lists: (projectId: string) => [...projectKeys.scope(projectId), 'agents', 'list'] as const,
  list: (projectId: string, filter: AgentListFilter) => [...agentKeys.lists(projectId), filter] as const,
  detail: (projectId: string, agentId: string) =>
    [...projectKeys.scope(projectId), 'agents', 'detail', agentId] as const,
  telemetry: (projectId: string, agentId: string, rangeMs: number) =>
    [...projectKeys.scope(projectId), 'agents', 'telemetry', agentId, rangeMs] as const,
  files: (projectId: string, agentId: string, path: string) =>
    [...projectKeys.scope(projectId), 'agents', 'files', agentId, path] as const,
};
