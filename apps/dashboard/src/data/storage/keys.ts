import { projectKeys } from '../projects/keys.ts';

export const storageKeys = {
  list: (projectId: string) => [...projectKeys.scope(projectId), 'storage-locations'] as const,
};
