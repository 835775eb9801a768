import { z } from 'zod';

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
  monthlyPriceCents: z.number().int(),
});
export type Plan = z.infer<typeof PlanSchema>;
export const PlanListSchema = z.strictObject({ plans: z.array(PlanSchema) });

export const SubscriptionSchema = z.strictObject({
  plan: PlanSchema,
  status: z.string(),
  /** Counted as the plan limits count them: agents pending or active, company-wide. */
  usage: z.strictObject({ projects: z.number().int(), agents: z.number().int(), members: z.number().int() }),
});
export type Subscription = z.infer<typeof SubscriptionSchema>;
