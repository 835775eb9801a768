import type { ChannelKind } from '@tcpa/contracts';
import type { AlertMessage } from './alert-messages.ts';
import type { NewDelivery } from './delivery-queue.sql.ts';
import { emailContent } from './email-message.ts';
import { webhookBody } from './event-types.ts';
import { slackBody } from './slack-message.ts';
import { teamsBody } from './teams-message.ts';

export interface ChannelTarget {
  id: string;
  kind: ChannelKind;
}

/** One delivery per channel, its payload shaped for the channel (Block Kit, Adaptive Card, email, event). */
export function deliveriesFor(
  channels: ChannelTarget[],
  { message, webhook }: AlertMessage,
  companyId: string,
  companyName: string,
): NewDelivery[] {
  const now = new Date().toISOString();
  return channels.map((channel) => ({
    companyId,
    channelId: channel.id,
    kind: channel.kind,
    eventType: webhook.type,
    summary: message.title,
    payload: payloadFor(channel.kind, { message, webhook }, companyName, now),
  }));
}

function payloadFor(kind: ChannelKind, { message, webhook }: AlertMessage, companyName: string, now: string): unknown {
  switch (kind) {
    case 'email':
      return emailContent(message, companyName);
    case 'slack':
      return slackBody(message);
    case 'teams':
      return teamsBody(message);
    case 'webhook':
      return webhookBody(webhook.type, now, webhook.data);
  }
}
