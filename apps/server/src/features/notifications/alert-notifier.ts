import type { Database, Queryable } from '@tcpa/db';
import { type AlertNotice, alertMessageOf } from './alert-messages.ts';
import { type ChannelTarget, deliveriesFor } from './channel-messages.ts';
import { queueDeliveries } from './delivery-queue.sql.ts';
import { matchesEventType } from './event-types.ts';

interface RuleRow {
  id: string;
  name: string;
  condition: string;
  severity: 'info' | 'warning' | 'critical';
  quiet_minutes: number;
  company_id: string;
  project_id: string;
  project_name: string;
  company_name: string;
  features: string[];
}

interface PendingAlert extends AlertNotice {
  open_notice: 'pending' | 'sent' | 'suppressed';
  resolve_notice: 'pending' | 'sent' | 'suppressed' | null;
  state: 'open' | 'resolved';
}

/**
 * Tells the channels of each rule about its alerts that opened or resolved, grouped: everything a
 * rule has pending once its oldest notice waited `groupWaitMs` goes out as one message per channel
 * (a burst of 500 agents offline is one summary). A subject told about within the rule's quiet
 * period is not told again (a flapping agent). Returns how many rules it sent for.
 */
export async function notifyAlertsAsService(
  database: Database,
  options: { groupWaitMs: number; publicUrl: string },
): Promise<number> {
  const rules = await database.unsafeAsOwner((tx) =>
    tx.query<{ rule_id: string }>(
      `select rule_id from alerts
       where (open_notice = 'pending' or resolve_notice = 'pending') and rule_id is not null
       group by rule_id
       having min(least(case when open_notice = 'pending' then opened_at end,
                        case when resolve_notice = 'pending' then resolved_at end))
              <= now() - make_interval(secs => $1)
       limit 200`,
      [options.groupWaitMs / 1000],
    ),
  );
  let sent = 0;
  for (const { rule_id } of rules) {
    if (await database.unsafeAsOwner((tx) => notifyRule(tx, rule_id, options.publicUrl))) sent++;
  }
  return sent;
}

async function notifyRule(tx: Queryable, ruleId: string, publicUrl: string): Promise<boolean> {
  const [rule] = await tx.query<RuleRow>(
    `select r.id, r.name, r.condition, r.severity, r.quiet_minutes, r.company_id, r.project_id,
       p.name as project_name, c.name as company_name, pl.features
     from alert_rules r join projects p on p.id = r.project_id join companies c on c.id = r.company_id
     join subscriptions s on s.company_id = r.company_id join plans pl on pl.id = s.plan_id
     where r.id = $1`,
    [ruleId],
  );
  if (!rule) return false;
  const pending = await tx.query<PendingAlert>(
    `select id, subject_type, subject_id, subject_name, title, opened_at, resolved_at, open_notice, resolve_notice, state
     from alerts where rule_id = $1 and (open_notice = 'pending' or resolve_notice = 'pending')
     order by opened_at for update skip locked`,
    [ruleId],
  );
  if (pending.length === 0) return false;
  const recentlyTold = new Set(
    (
      await tx.query<{ subject_id: string }>(
        `select distinct subject_id from alerts
         where rule_id = $1 and open_notice = 'sent' and opened_at > now() - make_interval(mins => $2)
           and subject_id = any($3::uuid[])`,
        [ruleId, rule.quiet_minutes, pending.map((alert) => alert.subject_id)],
      )
    ).map((row) => row.subject_id),
  );
  const opening = pending.filter((alert) => alert.open_notice === 'pending' && !recentlyTold.has(alert.subject_id));
  const quieted = pending.filter((alert) => alert.open_notice === 'pending' && recentlyTold.has(alert.subject_id));
  const openingIds = new Set(opening.map((alert) => alert.id));
  const resolving = pending.filter(
    (alert) => alert.resolve_notice === 'pending' && (alert.open_notice === 'sent' || openingIds.has(alert.id)),
  );
  const resolvingIds = new Set(resolving.map((alert) => alert.id));
  const unsaid = pending.filter((alert) => alert.resolve_notice === 'pending' && !resolvingIds.has(alert.id));

  // The rule's channels, and webhook endpoints of the company that asked for alert events.
  const channels = await tx.query<ChannelTarget & { in_rule: boolean; event_types: string[] }>(
    `select c.id, c.kind, c.event_types,
       exists (select from alert_rule_channels rc where rc.rule_id = $1 and rc.channel_id = c.id) as in_rule
     from notification_channels c
     where c.company_id = $2 and c.enabled
       and (c.kind = 'webhook' or exists (select from alert_rule_channels rc where rc.rule_id = $1 and rc.channel_id = c.id))`,
    [ruleId, rule.company_id],
  );
  const allowed = channels.filter((channel) => rule.features.includes(FEATURE_OF_KIND[channel.kind]));
  const context = { rule, publicUrl };
  for (const [alerts, kind] of [
    [opening, 'alert_opened'],
    [resolving, 'alert_resolved'],
  ] as const) {
    if (alerts.length === 0) continue;
    const message = alertMessageOf(kind, alerts, context);
    const targets = allowed.filter(
      (channel) => channel.in_rule || matchesEventType(channel.event_types, message.webhook.type),
    );
    await queueDeliveries(tx, deliveriesFor(targets, message, rule.company_id, rule.company_name));
  }
  await tx.query(
    `update alerts set
       open_notice = case when id = any($1::uuid[]) then 'sent' when id = any($2::uuid[]) then 'suppressed'
                          else open_notice end,
       resolve_notice = case when id = any($3::uuid[]) then 'sent'
                             when id = any($4::uuid[]) or (id = any($2::uuid[]) and resolve_notice = 'pending')
                               then 'suppressed'
                             else resolve_notice end
     where id = any($5::uuid[])`,
    [
      [...openingIds],
      quieted.map((alert) => alert.id),
      [...resolvingIds],
      unsaid.map((alert) => alert.id),
      pending.map((alert) => alert.id),
    ],
  );
  return opening.length + resolving.length > 0;
}

/** The plan feature a channel kind needs (plans as data: a downgraded company's chat channels go quiet). */
export const FEATURE_OF_KIND: Record<ChannelTarget['kind'], string> = {
  email: 'email_alerts',
  slack: 'chat_alerts',
  teams: 'chat_alerts',
  webhook: 'webhooks',
};
