/** Every query about a project's contents starts with `scope(projectId)`: live messages and reconnects act on it. */
export const projectKeys = {
  list: () => ['projects'] as const,
  scope: (projectId: string) => ['project', projectId] as const,
  members: (projectId: string) => ['project', projectId, 'members'] as const,
};

/** The project a key belongs to, for keys under `projectKeys.scope`. */
export function projectIdOfKey(key: readonly unknown[]): string | undefined {
  return key[0] === 'project' && typeof key[1] === 'string' ? key[1] : undefined;
}
