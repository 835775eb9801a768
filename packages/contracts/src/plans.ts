import { z } from 'zod';
import { PlanManagerSchema } from './billing.ts';

export const PlanSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  maxAgents: z.number().int().nullable(),
  maxProjects: z.number().int().nullable(),
  telemetryIntervalMs: z.number().int(),
  retentionDays: z.number().int(),
  /** The shortest interval a job's schedule may fire at (cron or every N minutes). */
  minScheduleIntervalMinutes: z.number().int(),
  features: z.array(z.string()),
  /** Null: a custom price the operator agrees with the customer ("Contact us"). */
  monthlyPriceCents: z.number().int().nullable(),
});
export type Plan = z.infer<typeof PlanSchema>;
export const PlanListSchema = z.strictObject({ plans: z.array(PlanSchema) });

export const SubscriptionSchema = z.strictObject({
  plan: PlanSchema,
  status: z.enum(['active', 'past_due', 'canceled']),
  /** Stripe (a paid subscription) or the server's operator (`tcpa admin set-plan`) sets the plan. */
  managedBy: PlanManagerSchema,
  /** Counted as the plan limits count them: agents pending or active, company-wide. */
  usage: z.strictObject({ projects: z.number().int(), agents: z.number().int(), members: z.number().int() }),
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

/** What each plan feature is called where people read it: never the identifier. */
export const PLAN_FEATURE_NAMES: Readonly<Record<string, string>> = {
  basic: 'Fleet, transfers and jobs',
  email_alerts: 'Email alerts',
  chat_alerts: 'Slack and Microsoft Teams alerts',
  webhooks: 'Webhooks',
  api: 'API access',
  custom_roles: 'Custom roles',
  analytics: 'Analytics',
  sso: 'Single sign-on',
  mfa_policy: 'Required two-factor sign-in',
  audit_log: 'Audit log',
  sla: 'Support with a service-level agreement',
};

/** A feature in words; an identifier without a name (a plan row added by hand) is shown as it is. */
export const planFeatureName = (feature: string): string => PLAN_FEATURE_NAMES[feature] ?? feature;
