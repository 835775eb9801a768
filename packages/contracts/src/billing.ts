import { z } from 'zod';
import { TimestampSchema } from './common.ts';

/** Who sets a company's plan: Stripe (a paid subscription bought through Checkout) or the server's operator. */
export const PlanManagerSchema = z.enum(['stripe', 'operator']);
export type PlanManager = z.infer<typeof PlanManagerSchema>;

/** Days a past-due company keeps its paid plan before it moves to Free. */
export const PAST_DUE_GRACE_DAYS = 7;

/** What owners and billing members see about paying for the plan (`billing:read`). */
export const BillingSchema = z.strictObject({
  managedBy: PlanManagerSchema,
  /** Stripe is set up on this server: paid plans are bought through Stripe Checkout. */
  stripeConfigured: z.boolean(),
  /** Plans that can be bought through Checkout (a price is configured for them). */
  purchasablePlanIds: z.array(z.string()),
  /** The company has a Stripe customer: "Manage billing" opens the Customer Portal. */
  portalAvailable: z.boolean(),
  status: z.enum(['active', 'past_due', 'canceled']),
  /** The plan Stripe bills for (it differs from the plan in force after the grace period ran out). */
  billedPlanId: z.string().nullable(),
  currentPeriodEnd: TimestampSchema.nullable(),
  /** The subscription ends at `currentPeriodEnd` (cancelled in the portal); the company then moves to Free. */
  cancelAtPeriodEnd: z.boolean(),
  pastDueSince: TimestampSchema.nullable(),
  /** When past due: the moment the company moves to Free unless the invoice is paid. */
  graceEndsAt: TimestampSchema.nullable(),
});
export type Billing = z.infer<typeof BillingSchema>;

/** `plan`, not `planId`: a plan is not a tenant's record (every company buys from the same list). */
export const CheckoutRequestSchema = z.strictObject({
  plan: z.string().trim().min(1, 'plan is required (starter or professional)').max(64),
});

/** Where to send the browser: a Stripe Checkout or Customer Portal page. */
export const BillingRedirectSchema = z.strictObject({ url: z.url() });

export const InvoiceSchema = z.strictObject({
  id: z.string(),
  number: z.string().nullable(),
  createdAt: TimestampSchema,
  /** In the smallest unit of `currency` (cents). */
  amountDueCents: z.number().int(),
  amountPaidCents: z.number().int(),
  currency: z.string(),
  status: z.string().nullable(),
  /** Stripe's page for the invoice (view, pay, download); null for a draft. */
  url: z.string().nullable(),
});
export type Invoice = z.infer<typeof InvoiceSchema>;
export const InvoiceListSchema = z.strictObject({ invoices: z.array(InvoiceSchema) });
