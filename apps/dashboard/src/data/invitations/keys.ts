export const invitationKeys = {
  list: () => ['invitations'] as const,
  preview: (token: string) => ['invitations', 'preview', token] as const,
};
