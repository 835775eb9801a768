export const billingKeys = {
  subscription: () => ['subscription'] as const,
  plans: () => ['plans'] as const,
  billing: () => ['billing'] as const,
  invoices: () => ['billing', 'invoices'] as const,
};
