import type { Database, Queryable } from '@tcpa/db';
import { queueDeliveries } from './delivery-queue.sql.ts';
import { renderEmail } from './email-message.ts';

interface FailingChannel {
  company_id: string;
  name: string;
  kind: string;
  url_host: string | null;
  failing_since: string;
  overdue: boolean;
}

/**
 * Keeps a channel's health: a success clears `failing_since`; a failure sets it, and a channel
 * whose every attempt failed for `disableAfterHours` is disabled, its pending deliveries
 * canceled, and the people who look after integrations are emailed.
 */
export async function noteChannelResultAsService(
  database: Database,
  channelId: string,
  ok: boolean,
  options: { disableAfterHours: number; publicUrl: string },
): Promise<void> {
  await database.unsafeAsOwner(async (tx) => {
    if (ok) {
      await tx.query(
        'update notification_channels set failing_since = null where id = $1 and failing_since is not null',
        [channelId],
      );
      return;
    }
    const [channel] = await tx.query<FailingChannel>(
      `update notification_channels set failing_since = coalesce(failing_since, now())
       where id = $1 and enabled
       returning company_id, name, kind, url_host, failing_since,
         failing_since <= now() - make_interval(hours => $2) as overdue`,
      [channelId, options.disableAfterHours],
    );
    if (!channel?.overdue) return;
    await disableChannel(tx, channelId, channel, options);
  });
}

async function disableChannel(
  tx: Queryable,
  channelId: string,
  channel: FailingChannel,
  options: { disableAfterHours: number; publicUrl: string },
) {
  const since = channel.failing_since;
  const reason = `Disabled automatically: every delivery failed since ${since} (${options.disableAfterHours} hours). Fix the endpoint, then enable the channel again.`;
  await tx.query(
    `update notification_channels set enabled = false, disabled_reason = $2, updated_at = now() where id = $1`,
    [channelId, reason],
  );
  await tx.query(
    `update notification_deliveries set status = 'canceled', finished_at = now(), locked_until = null,
       last_error = 'the channel was disabled after failing for too long'
     where channel_id = $1 and status = 'pending'`,
    [channelId],
  );
  const admins = await tx.query<{ email: string }>(
    `select u.email from company_memberships m join roles r on r.id = m.role_id join users u on u.id = m.user_id
     where m.company_id = $1 and 'integrations:write' = any(r.permissions)`,
    [channel.company_id],
  );
  if (admins.length === 0) return;
  const where = channel.url_host ? ` (${channel.url_host})` : '';
  const email = renderEmail({
    subject: `[TCPA] Channel "${channel.name}" was disabled after failing since ${since}`,
    heading: `Notification channel "${channel.name}" was disabled`,
    paragraphs: [
      `Every delivery to the ${channel.kind} channel "${channel.name}"${where} failed since ${since}, so it was disabled and its pending messages were canceled.`,
      'Its delivery log shows what the endpoint answered. Once it works again, enable the channel on the Integrations page and send a test.',
    ],
    action: { label: 'Open integrations', url: `${options.publicUrl}/integrations` },
  });
  await queueDeliveries(tx, [
    {
      companyId: channel.company_id,
      channelId: null,
      kind: 'email',
      eventType: 'email.channel_disabled',
      summary: email.subject,
      payload: { ...email, to: admins.map((admin) => admin.email) },
    },
  ]);
}
