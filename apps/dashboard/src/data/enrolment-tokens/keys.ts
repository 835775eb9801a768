import { projectKeys } from '../projects/keys.ts';

export const enrolmentTokenKeys = {
  list: (projectId: string) => [...projectKeys.scope(projectId), 'enrolment-tokens'] as const,
};
