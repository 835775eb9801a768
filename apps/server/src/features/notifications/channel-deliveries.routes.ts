import { DeliveryListSchema, IdSchema, TestDeliverySchema } from '@tcpa/contracts';
import { z } from 'zod';
import { claimsOf, type Principal } from '../../auth/principal.ts';
import { publicUrlOf } from '../../config/env.ts';
import { notFound } from '../../http/app-error.ts';
import { AfterTransaction, tenantRoute } from '../../http/route.ts';
import type { ServerDeps } from '../../server-deps.ts';
import { deliveriesFor } from './channel-messages.ts';
import { getChannel } from './channels.sql.ts';
import { listDeliveries } from './deliveries.sql.ts';
import { queueDeliveries } from './delivery-queue.sql.ts';

const tags = ['notifications'];
const ChannelParams = z.strictObject({ channelId: IdSchema });
const DeliveryQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });
const read = { kind: 'company', permission: 'integrations:read' } as const;

function deliveryLogRoute(path: string, summary: string) {
  return tenantRoute({
    method: 'get',
    path,
    summary,
    tags,
    access: read,
    params: ChannelParams,
    query: DeliveryQuery,
    response: DeliveryListSchema,
    async handler({ tx, params, query }) {
      if (!(await getChannel(tx, params.channelId))) throw notFound('Notification channel');
      return { deliveries: await listDeliveries(tx, params.channelId, { limit: query.limit }) };
    },
  });
}

/** How long "Send test" waits for the outcome before answering with the delivery still pending. */
const TEST_WAIT_MARGIN_MS = 2000;

export const channelDeliveryRoutes = [
  deliveryLogRoute(
    '/api/v1/notification-channels/:channelId/deliveries',
    "A channel's delivery log, newest first: status, attempts with their time, status code and response excerpt",
  ),
  deliveryLogRoute(
    '/api/v1/webhooks/:channelId/deliveries',
    "A webhook endpoint's delivery log (the same as its channel's)",
  ),

  tenantRoute({
    method: 'post',
    path: '/api/v1/notification-channels/:channelId/test',
    summary: 'Send a test message to the channel now; answers with the delivery once it was attempted',
    tags,
    access: { kind: 'company', permission: 'integrations:write' },
    params: ChannelParams,
    response: TestDeliverySchema,
    async handler({ tx, params, deps, principal }) {
      const channel = await getChannel(tx, params.channelId);
      if (!channel) throw notFound('Notification channel');
      const [company] = await tx.query<{ name: string }>('select name from companies where id = app.company_id()');
      const publicUrl = publicUrlOf(deps.config);
      const [id] = await queueDeliveries(
        tx,
        deliveriesFor(
          [channel],
          {
            message: {
              kind: 'test',
              severity: 'info',
              title: `Test message for "${channel.name}"`,
              text: 'This is a test from TCP Agent Platform: alerts for this channel will arrive here.',
              facts: [{ name: 'Channel', value: channel.name }],
              link: { label: 'Open integrations', url: `${publicUrl}/integrations` },
            },
            webhook: { type: 'webhook.test', data: { channelId: channel.id, requestedBy: principal.userId } },
          },
          principal.companyId,
          company?.name ?? '',
        ),
      );
      if (!id) throw new Error('queueing the test returned no id');
      return new AfterTransaction(() => awaitAttempt(deps, principal, channel.id, id));
    },
  }),
];

/** The test delivery once its first attempt is recorded (or still pending when the attempt takes longer). */
async function awaitAttempt(deps: ServerDeps, principal: Principal, channelId: string, deliveryId: string) {
  deps.deliveries.wake();
  const deadline = Date.now() + deps.config.DELIVERY_TIMEOUT_SECONDS * 1000 + TEST_WAIT_MARGIN_MS;
  for (;;) {
    const [delivery] = await deps.database.withClaims(claimsOf(principal), (tx) =>
      listDeliveries(tx, channelId, { limit: 1, ids: [deliveryId] }),
    );
    if (!delivery) throw notFound('Test delivery');
    if (delivery.attemptLog.length > 0 || Date.now() >= deadline) return { delivery };
    await new Promise((resume) => setTimeout(resume, 100));
  }
}
