import type { Billing, Plan } from '@tcpa/contracts';

/**
 * Whether the Plan page offers to buy `plan` through Stripe Checkout: Stripe is set up and sells it,
 * the caller may pay (`billing:write`), the company has no Stripe subscription yet (one it has is
 * changed in the Customer Portal), and it costs more a month than the current plan. A plan with a
 * custom price (Enterprise, "Contact us") is never bought here.
 */
export function offersUpgrade(args: {
  plan: Plan;
  currentPlan: Plan;
  billing: Billing | undefined;
  mayPay: boolean;
}): boolean {
  const { plan, currentPlan, billing, mayPay } = args;
  if (!billing || !mayPay || !billing.stripeConfigured || billing.managedBy !== 'operator') return false;
  if (!billing.purchasablePlanIds.includes(plan.id)) return false;
  if (plan.monthlyPriceCents === null || currentPlan.monthlyPriceCents === null) return false;
  return plan.monthlyPriceCents > currentPlan.monthlyPriceCents;
}
