/** API paths; ids reaching here were validated as UUIDs by the tool's input schema. */
export const projectPath = (projectId: string, rest = '') => `/api/v1/projects/${projectId}${rest}`;
export const agentPath = (projectId: string, agentId: string, rest = '') =>
  projectPath(projectId, `/agents/${agentId}${rest}`);
export const transferPath = (projectId: string, transferId: string, rest = '') =>
  projectPath(projectId, `/transfers/${transferId}${rest}`);
