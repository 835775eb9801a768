import { projectKeys } from '../projects/keys.ts';

export const transferKeys = {
  list: (projectId: string) => [...projectKeys.scope(projectId), 'transfers', 'list'] as const,
  detail: (projectId: string, transferId: string) =>
    [...projectKeys.scope(projectId), 'transfers', 'detail', transferId] as const,
};
