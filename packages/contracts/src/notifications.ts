import { z } from 'zod';
import { IdSchema, TimestampSchema, textSchema } from './common.ts';

/*
 * channel: where messages go, company-wide: email recipients, a Slack or Teams incoming webhook,
 *   or a webhook endpoint of the customer's own programs (signed, per event type).
 * event: something that happened (`transfer.failed`, `agent.offline`), sent as is to webhooks.
 * alert rule: a condition in a project (an agent offline for N minutes) with a severity and channels.
 * alert: a rule's condition holding for one subject (an agent, a transfer, a job); open until it
 *   clears (resolved), acknowledged by a person meanwhile.
 * delivery: one message to one channel, retried until delivered or 24 hours old.
 */

export const ChannelKindSchema = z.enum(['email', 'slack', 'teams', 'webhook']);
export type ChannelKind = z.infer<typeof ChannelKindSchema>;
export const SeveritySchema = z.enum(['info', 'warning', 'critical']);

/** Event types a webhook endpoint may ask for; `transfer.*` takes every transfer event. */
export const EVENT_TYPES = [
  'transfer.started',
  'transfer.succeeded',
  'transfer.failed',
  'transfer.canceled',
  'job.run_started',
  'job.run_succeeded',
  'job.run_failed',
  'job.run_canceled',
  'job.run_skipped',
  'job.run_missed',
  'job.run_queued',
  'agent.enrolled',
  'agent.pending',
  'agent.approved',
  'agent.rejected',
  'agent.revoked',
  'agent.online',
  'agent.offline',
  'alert.opened',
  'alert.resolved',
] as const;
const EVENT_TYPE_PATTERNS = [...EVENT_TYPES, 'transfer.*', 'job.*', 'agent.*', 'alert.*', '*'] as const;
export const EventTypePatternSchema = z.enum(EVENT_TYPE_PATTERNS, {
  error: `must be an event type (${EVENT_TYPE_PATTERNS.join(', ')})`,
});

const EmailAddressSchema = z.email({ error: 'must be an email address' }).max(254);
const HttpsUrlSchema = z.url({ error: 'must be a URL (https://…)' }).max(2048);
const channelName = textSchema({ min: 1, max: 100 });

export const CreateChannelBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('email'),
    name: channelName,
    recipients: z.array(EmailAddressSchema).min(1).max(50),
  }),
  z.strictObject({ kind: z.literal('slack'), name: channelName, url: HttpsUrlSchema }),
  z.strictObject({ kind: z.literal('teams'), name: channelName, url: HttpsUrlSchema }),
  z.strictObject({
    kind: z.literal('webhook'),
    name: channelName,
    url: HttpsUrlSchema,
    eventTypes: z.array(EventTypePatternSchema).min(1).max(50),
  }),
]);
export type CreateChannelBody = z.infer<typeof CreateChannelBodySchema>;

/** Fields left out stay; `enabled: true` re-enables a channel disabled after failing for days. */
export const UpdateChannelBodySchema = z.strictObject({
  name: channelName.optional(),
  recipients: z.array(EmailAddressSchema).min(1).max(50).optional(),
  url: HttpsUrlSchema.optional(),
  eventTypes: z.array(EventTypePatternSchema).min(1).max(50).optional(),
  enabled: z.boolean().optional(),
});
export type UpdateChannelBody = z.infer<typeof UpdateChannelBodySchema>;

export const ChannelSchema = z.strictObject({
  id: IdSchema,
  name: z.string(),
  kind: ChannelKindSchema,
  recipients: z.array(z.string()),
  /** The URL's host only: the rest of a Slack or Teams URL is its credential. */
  urlHost: z.string().nullable(),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  failingSince: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
});
export type Channel = z.infer<typeof ChannelSchema>;
export const ChannelListSchema = z.strictObject({ channels: z.array(ChannelSchema) });
/** A webhook's signing secret is in this response only. */
export const CreatedChannelSchema = z.strictObject({ channel: ChannelSchema, signingSecret: z.string().nullable() });

export const DeliveryStatusSchema = z.enum(['pending', 'delivered', 'failed', 'canceled']);
export const DeliveryAttemptSchema = z.strictObject({
  attempt: z.number().int(),
  startedAt: TimestampSchema,
  durationMs: z.number().int(),
  statusCode: z.number().int().nullable(),
  responseExcerpt: z.string().nullable(),
  error: z.string().nullable(),
});
export const DeliverySchema = z.strictObject({
  /** Stable across retries: the `webhook-id` header, for receivers to deduplicate on. */
  id: IdSchema,
  channelId: IdSchema,
  eventType: z.string(),
  summary: z.string(),
  status: DeliveryStatusSchema,
  attempts: z.number().int(),
  nextAttemptAt: TimestampSchema.nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: TimestampSchema,
  finishedAt: TimestampSchema.nullable(),
  attemptLog: z.array(DeliveryAttemptSchema),
});
export type Delivery = z.infer<typeof DeliverySchema>;
export const DeliveryListSchema = z.strictObject({ deliveries: z.array(DeliverySchema) });
export const TestDeliverySchema = z.strictObject({ delivery: DeliverySchema });

export const AlertConditionSchema = z.enum([
  'transfer_failed',
  'job_run_failed',
  'job_run_skipped',
  'job_run_missed',
  'agent_offline',
  'agent_pending',
  'disk_space_low',
  'transfer_slow',
  'plan_usage',
]);
export type AlertCondition = z.infer<typeof AlertConditionSchema>;

const ruleFields = {
  name: textSchema({ min: 1, max: 200 }),
  condition: AlertConditionSchema,
  /** disk_space_low: free % under; transfer_slow: % of the path's usual rate; plan_usage: % of a limit. */
  threshold: z.number().min(0).max(100).nullable(),
  /** agent_offline and transfer_slow: minutes the condition must hold first (0: at once; the quiet period still applies). */
  forMinutes: z.number().int().min(0).max(10080).nullable(),
  severity: SeveritySchema,
  /** One message per rule and subject in this many minutes; a burst of subjects is one summary. */
  quietMinutes: z.number().int().min(0).max(10080),
  enabled: z.boolean(),
  channelIds: z.array(IdSchema).max(20),
};
export const CreateAlertRuleBodySchema = z.strictObject({
  ...ruleFields,
  threshold: ruleFields.threshold.default(null),
  forMinutes: ruleFields.forMinutes.default(null),
  severity: ruleFields.severity.default('warning'),
  quietMinutes: ruleFields.quietMinutes.default(60),
  enabled: ruleFields.enabled.default(true),
});
export type CreateAlertRuleBody = z.infer<typeof CreateAlertRuleBodySchema>;
/** The condition stays; other fields left out stay as they are. */
export const UpdateAlertRuleBodySchema = z.strictObject(ruleFields).omit({ condition: true }).partial();
export type UpdateAlertRuleBody = z.infer<typeof UpdateAlertRuleBodySchema>;

export const AlertRuleSchema = z.strictObject({
  id: IdSchema,
  projectId: IdSchema,
  name: z.string(),
  condition: AlertConditionSchema,
  threshold: z.number().nullable(),
  forMinutes: z.number().int().nullable(),
  severity: SeveritySchema,
  quietMinutes: z.number().int(),
  enabled: z.boolean(),
  channelIds: z.array(IdSchema),
  createdAt: TimestampSchema,
});
export type AlertRule = z.infer<typeof AlertRuleSchema>;
export const AlertRuleListSchema = z.strictObject({ rules: z.array(AlertRuleSchema) });

export const AlertSchema = z.strictObject({
  id: IdSchema,
  projectId: IdSchema,
  ruleId: IdSchema.nullable(),
  ruleName: z.string(),
  condition: z.string(),
  severity: SeveritySchema,
  subjectType: z.enum(['agent', 'transfer', 'job', 'company']),
  subjectId: IdSchema,
  subjectName: z.string(),
  title: z.string(),
  state: z.enum(['open', 'resolved']),
  openedAt: TimestampSchema,
  resolvedAt: TimestampSchema.nullable(),
  acknowledgedAt: TimestampSchema.nullable(),
  acknowledgedBy: IdSchema.nullable(),
  /**
   * Whether its channels were told it opened: `waiting` (within the rule's grouping window),
   * `sent`, or `held_back` (its subject was told about within the rule's quiet period, or its rule
   * was turned off before it was told).
   */
  notice: z.enum(['waiting', 'sent', 'held_back']),
});
export type Alert = z.infer<typeof AlertSchema>;
export const AlertListSchema = z.strictObject({ alerts: z.array(AlertSchema) });
export const AlertListQuerySchema = z.strictObject({
  state: z.enum(['open', 'resolved', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
