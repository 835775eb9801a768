import type { Billing, Plan } from '@tcpa/contracts';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../src/billing/format-money.ts';
import { offersUpgrade } from '../src/billing/upgrade-rule.ts';
import { validatePlanSearch } from '../src/routing/search-params.ts';

const plan = (id: string, monthlyPriceCents: number | null): Plan => ({
  id,
  name: id[0]?.toUpperCase() + id.slice(1),
  maxAgents: null,
  maxProjects: null,
  telemetryIntervalMs: 1000,
  retentionDays: 30,
  minScheduleIntervalMinutes: 1,
  features: [],
  monthlyPriceCents,
});
const free = plan('free', 0);
const starter = plan('starter', 4900);
const professional = plan('professional', 19900);
const enterprise = plan('enterprise', null);

const billing = (fields: Partial<Billing> = {}): Billing => ({
  managedBy: 'operator',
  stripeConfigured: true,
  purchasablePlanIds: ['starter', 'professional'],
  portalAvailable: false,
  status: 'active',
  billedPlanId: null,
  currentPeriodEnd: null,
  cancelAtPeriodEnd: false,
  pastDueSince: null,
  graceEndsAt: null,
  ...fields,
});

describe('which plans the Plan page offers to buy', () => {
  const offered = (currentPlan: Plan, state: Billing | undefined, mayPay = true) =>
    [free, starter, professional, enterprise]
      .filter((candidate) => offersUpgrade({ plan: candidate, currentPlan, billing: state, mayPay }))
      .map((candidate) => candidate.id);

  it('offers the sold plans dearer than the current one, never Enterprise', () => {
    expect(offered(free, billing())).toEqual(['starter', 'professional']);
    expect(offered(starter, billing())).toEqual(['professional']);
    expect(offered(professional, billing())).toEqual([]);
    // An operator's custom deal: nothing here is an upgrade of it.
    expect(offered(enterprise, billing())).toEqual([]);
  });

  it('offers nothing to who may not pay, without Stripe, or when Stripe already bills the company', () => {
    expect(offered(free, billing(), false)).toEqual([]);
    expect(offered(free, undefined)).toEqual([]);
    expect(offered(free, billing({ stripeConfigured: false, purchasablePlanIds: [] }))).toEqual([]);
    expect(offered(starter, billing({ managedBy: 'stripe' }))).toEqual([]);
  });

  it('offers only the plans this server has a Stripe price for', () => {
    expect(offered(free, billing({ purchasablePlanIds: ['professional'] }))).toEqual(['professional']);
  });
});

describe('invoice amounts', () => {
  it("divides by the currency's own decimals", () => {
    expect(formatMoney(4900, 'usd')).toBe(
      new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(49),
    );
    expect(formatMoney(4900, 'jpy')).toBe(
      new Intl.NumberFormat(undefined, { style: 'currency', currency: 'JPY' }).format(4900),
    );
  });
});

describe('the Plan page after Stripe Checkout', () => {
  it('takes done or canceled, nothing else', () => {
    expect(validatePlanSearch({ checkout: 'done' })).toEqual({ checkout: 'done' });
    expect(validatePlanSearch({ checkout: 'canceled' })).toEqual({ checkout: 'canceled' });
    expect(validatePlanSearch({ checkout: 'paid' })).toEqual({});
    expect(validatePlanSearch({})).toEqual({});
  });
});
