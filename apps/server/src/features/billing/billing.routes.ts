import { BillingRedirectSchema, BillingSchema, CheckoutRequestSchema, InvoiceListSchema } from '@tcpa/contracts';
import { publicUrlOf } from '../../config/env.ts';
import { AppError } from '../../http/app-error.ts';
import { AfterTransaction, tenantRoute } from '../../http/route.ts';
import type { ServerDeps } from '../../server-deps.ts';
import { readBilling, toBilling } from './billing.sql.ts';
import { listInvoicesAsService, openPortalAsService, startCheckoutAsService } from './stripe-calls.ts';

function stripeOf(deps: ServerDeps) {
  if (deps.billing) return deps.billing;
  throw new AppError(
    'conflict',
    'This server does not sell plans through Stripe: its operator sets plans with `tcpa admin set-plan`',
  );
}

async function ownBilling(tx: Parameters<typeof readBilling>[0]) {
  const row = await readBilling(tx);
  if (!row) throw new Error('company has no subscription');
  return row;
}

export const billingRoutes = [
  tenantRoute({
    method: 'get',
    path: '/api/v1/billing',
    summary: 'How the plan is paid for: who manages it, its status, period and grace',
    tags: ['billing'],
    access: { kind: 'company', permission: 'billing:read' },
    response: BillingSchema,
    async handler({ tx, deps }) {
      return toBilling(await ownBilling(tx), deps.billing?.purchasablePlanIds ?? null);
    },
  }),

  tenantRoute({
    method: 'post',
    path: '/api/v1/billing/checkout',
    summary: 'Opens a Stripe Checkout page to buy a plan; answers the page to send the browser to',
    tags: ['billing'],
    access: { kind: 'company', permission: 'billing:write' },
    body: CheckoutRequestSchema,
    response: BillingRedirectSchema,
    async handler({ tx, deps, body, audit }) {
      const billing = stripeOf(deps);
      const priceId = billing.priceOf(body.plan);
      if (!priceId) {
        throw new AppError(
          'bad_request',
          `The plan "${body.plan}" cannot be bought here: choose ${billing.purchasablePlanIds.join(' or ')} (for Enterprise, contact us)`,
        );
      }
      const row = await ownBilling(tx);
      if (row.managed_by === 'stripe') {
        throw new AppError(
          'conflict',
          'Your company already has a subscription: change or cancel it with "Manage billing"',
        );
      }
      const [ranks] = await tx.query<{ wanted: number; wanted_name: string; current: number; current_name: string }>(
        `select w.rank as wanted, w.name as wanted_name, c.rank as current, c.name as current_name
         from plans w, plans c where w.id = $1 and c.id = $2`,
        [body.plan, row.plan_id],
      );
      if (ranks && ranks.wanted <= ranks.current) {
        throw new AppError(
          'conflict',
          `Your company is on the ${ranks.current_name} plan, which has everything ${ranks.wanted_name} has: nothing to buy`,
        );
      }
      const [user] = await tx.query<{ email: string }>('select email from users where id = app.user_id()');
      await audit({
        action: 'billing.checkout_started',
        targetType: 'company',
        targetId: row.company_id,
        details: { planId: body.plan },
      });
      return new AfterTransaction(async () => ({
        url: await startCheckoutAsService(deps, billing, {
          companyId: row.company_id,
          companyName: row.company_name,
          email: user?.email ?? null,
          customerId: row.stripe_customer_id,
          planId: body.plan,
          priceId,
          publicUrl: publicUrlOf(deps.config),
        }),
      }));
    },
  }),

  tenantRoute({
    method: 'post',
    path: '/api/v1/billing/portal',
    summary: "Opens the Stripe Customer Portal (payment method, invoices, cancel); answers the page's address",
    tags: ['billing'],
    access: { kind: 'company', permission: 'billing:write' },
    response: BillingRedirectSchema,
    async handler({ tx, deps }) {
      const billing = stripeOf(deps);
      const { stripe_customer_id: customerId } = await ownBilling(tx);
      if (!customerId) {
        throw new AppError('conflict', 'Your company has no billing account yet: buy a plan on the Plan page first');
      }
      return new AfterTransaction(async () => ({
        url: await openPortalAsService(deps.log, billing, customerId, publicUrlOf(deps.config)),
      }));
    },
  }),

  tenantRoute({
    method: 'get',
    path: '/api/v1/billing/invoices',
    summary: "The company's latest invoices from Stripe (24 at most, newest first)",
    tags: ['billing'],
    access: { kind: 'company', permission: 'billing:read' },
    response: InvoiceListSchema,
    async handler({ tx, deps }) {
      const { stripe_customer_id: customerId } = await ownBilling(tx);
      const billing = deps.billing;
      if (!billing || !customerId) return { invoices: [] };
      return new AfterTransaction(async () => ({
        invoices: await listInvoicesAsService(deps.log, billing, customerId),
      }));
    },
  }),
];
