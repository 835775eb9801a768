import type { Channel, ChannelKind } from '@tcpa/contracts';

export const KIND_NAMES: Record<ChannelKind, string> = {
  email: 'Email',
  slack: 'Slack',
  teams: 'Microsoft Teams',
  webhook: 'Webhook',
};

export const KIND_HINTS: Record<ChannelKind, string> = {
  email: 'Alert emails to these addresses (Starter plan and up).',
  slack: "A Slack incoming webhook URL (Professional plan and up). Only its host is shown after it's saved.",
  teams: 'A Microsoft Teams incoming webhook URL (Professional plan and up). Only its host is shown after saving.',
  webhook:
    'Your own HTTPS endpoint, sent the events you choose, signed with a secret shown once (Professional plan and up).',
};

/** Where a channel's messages go, as far as it may be shown: recipients, or a URL's host. */
export function destinationOf(channel: Channel): string {
  return channel.kind === 'email' ? channel.recipients.join(', ') : (channel.urlHost ?? '—');
}

/** "a@x.test, b@y.test" or one a line → the addresses. */
export function parseRecipients(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((address) => address.trim())
    .filter(Boolean);
}
