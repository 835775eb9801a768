export const billingKeys = {
  subscription: () => ['subscription'] as const,
  plans: () => ['plans'] as const,
};
