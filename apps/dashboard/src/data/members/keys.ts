export const memberKeys = {
  list: () => ['members'] as const,
};
