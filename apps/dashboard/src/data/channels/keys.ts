/** The company's notification channels: one list, and each channel's delivery log. */
export const channelKeys = {
  all: () => ['notification-channels'] as const,
  list: () => [...channelKeys.all(), 'list'] as const,
  deliveries: (channelId: string) => [...channelKeys.all(), 'deliveries', channelId] as const,
};
