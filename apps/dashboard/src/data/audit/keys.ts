export const auditKeys = {
  log: () => ['audit-log'] as const,
};
