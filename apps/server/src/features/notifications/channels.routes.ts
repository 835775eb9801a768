import { randomUUID } from 'node:crypto';
import {
  ChannelListSchema,
  ChannelSchema,
  CreateChannelBodySchema,
  CreatedChannelSchema,
  IdSchema,
  UpdateChannelBodySchema,
} from '@tcpa/contracts';
import { z } from 'zod';
import { AppError, notFound } from '../../http/app-error.ts';
import { tenantRoute } from '../../http/route.ts';
import type { ServerDeps } from '../../server-deps.ts';
import { requirePlanFeature } from '../plans/plan-features.ts';
import { FEATURE_OF_KIND } from './alert-notifier.ts';
import { deleteChannel, getChannel, insertChannel, listChannels, updateChannel } from './channels.sql.ts';
import { channelContext } from './delivery-queue.sql.ts';
import { checkOutboundUrl, parseAllowHosts } from './outbound-request.ts';
import { newWebhookSecret } from './webhook-signature.ts';

const tags = ['notifications'];
const ChannelParams = z.strictObject({ channelId: IdSchema });
const write = { kind: 'company', permission: 'integrations:write' } as const;
const KIND_NAMES = {
  email: 'email alerts',
  slack: 'Slack alerts',
  teams: 'Microsoft Teams alerts',
  webhook: 'webhooks',
};

/** The URL, checked against server-side request forgery (https, public address) before it is kept. */
async function checkedUrl(deps: ServerDeps, url: string): Promise<{ url: string; host: string }> {
  const refusal = await checkOutboundUrl(url, { allowHosts: parseAllowHosts(deps.config.OUTBOUND_ALLOW_HOSTS) });
  if (refusal) throw new AppError('validation_failed', `url: ${refusal}`, { field: 'url' });
  return { url, host: new URL(url).host };
}

export const channelRoutes = [
  tenantRoute({
    method: 'get',
    path: '/api/v1/notification-channels',
    summary: "List the company's notification channels (never their URLs or secrets: a URL shows as its host)",
    tags,
    access: { kind: 'company', permission: 'company:read' },
    response: ChannelListSchema,
    async handler({ tx }) {
      return { channels: await listChannels(tx) };
    },
  }),

  tenantRoute({
    method: 'post',
    path: '/api/v1/notification-channels',
    summary:
      'Add a channel: email recipients (Starter and up), a Slack or Teams incoming webhook, or a webhook endpoint (Professional and up). A webhook’s signing secret is in this response only',
    tags,
    access: write,
    body: CreateChannelBodySchema,
    response: CreatedChannelSchema,
    status: 201,
    async handler({ tx, body, deps, audit }) {
      await requirePlanFeature(tx, FEATURE_OF_KIND[body.kind], KIND_NAMES[body.kind]);
      const id = randomUUID();
      const target = body.kind === 'email' ? undefined : await checkedUrl(deps, body.url);
      const signingSecret = body.kind === 'webhook' ? newWebhookSecret() : null;
      const channel = await insertChannel(tx, {
        id,
        name: body.name,
        kind: body.kind,
        recipients: body.kind === 'email' ? [...new Set(body.recipients.map((to) => to.toLowerCase()))] : [],
        urlSealed: target ? deps.secretBox.seal(target.url, channelContext(id, 'url')) : null,
        urlHost: target?.host ?? null,
        secretSealed: signingSecret ? deps.secretBox.seal(signingSecret, channelContext(id, 'secret')) : null,
        eventTypes: body.kind === 'webhook' ? [...new Set(body.eventTypes)] : [],
      });
      await audit({
        action: 'notification_channel.created',
        targetType: 'notification_channel',
        targetId: id,
        details: { name: channel.name, kind: channel.kind, urlHost: channel.urlHost, eventTypes: channel.eventTypes },
      });
      return { channel, signingSecret };
    },
  }),

  tenantRoute({
    method: 'patch',
    path: '/api/v1/notification-channels/:channelId',
    summary:
      "Change a channel's name, email recipients, webhook event types or URL (a new one replaces it; the old is never shown); `enabled: true` turns one disabled after days of failures back on",
    tags,
    access: write,
    params: ChannelParams,
    body: UpdateChannelBodySchema,
    response: ChannelSchema,
    async handler({ tx, params, body, deps, audit }) {
      const current = await getChannel(tx, params.channelId);
      if (!current) throw notFound('Notification channel');
      if (body.recipients && current.kind !== 'email') {
        throw new AppError(
          'validation_failed',
          `recipients: only an email channel has recipients (this is ${current.kind})`,
          { field: 'recipients' },
        );
      }
      if (body.url && current.kind === 'email') {
        throw new AppError('validation_failed', 'url: an email channel has recipients, not a URL', { field: 'url' });
      }
      if (body.eventTypes && current.kind !== 'webhook') {
        throw new AppError(
          'validation_failed',
          `eventTypes: only a webhook endpoint takes event types (this is ${current.kind})`,
          { field: 'eventTypes' },
        );
      }
      if (body.enabled) await requirePlanFeature(tx, FEATURE_OF_KIND[current.kind], KIND_NAMES[current.kind]);
      const target = body.url ? await checkedUrl(deps, body.url) : undefined;
      const channel = await updateChannel(tx, params.channelId, {
        name: body.name,
        recipients: body.recipients && [...new Set(body.recipients.map((to) => to.toLowerCase()))],
        urlSealed: target && deps.secretBox.seal(target.url, channelContext(params.channelId, 'url')),
        urlHost: target?.host,
        eventTypes: body.eventTypes && [...new Set(body.eventTypes)],
        enabled: body.enabled,
      });
      if (!channel) throw notFound('Notification channel');
      await audit({
        action: 'notification_channel.updated',
        targetType: 'notification_channel',
        targetId: channel.id,
        details: { ...body, url: target ? target.host : undefined },
      });
      return channel;
    },
  }),

  tenantRoute({
    method: 'delete',
    path: '/api/v1/notification-channels/:channelId',
    summary: 'Remove a channel; rules that used it keep their other channels, and its pending messages are dropped',
    tags,
    access: write,
    params: ChannelParams,
    response: null,
    async handler({ tx, params, audit }) {
      if (!(await deleteChannel(tx, params.channelId))) throw notFound('Notification channel');
      await audit({
        action: 'notification_channel.deleted',
        targetType: 'notification_channel',
        targetId: params.channelId,
      });
      return undefined;
    },
  }),
];
