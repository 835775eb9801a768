import type { Database } from '@tcpa/db';
import Stripe from 'stripe';
import { AppError } from '../../http/app-error.ts';
import type { Logger } from '../../http/logger.ts';
import { rememberStripeCustomerAsService } from './billing.sql.ts';
import type { StripeBilling } from './stripe-billing.ts';

/** A failed call to Stripe, told as what the person can do about it. */
async function callStripe<T>(log: Logger, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeError)) throw error;
    log.warn({ err: error, stripeRequestId: error.requestId }, `Stripe: ${what} failed`);
    const refused = error instanceof Stripe.errors.StripeInvalidRequestError;
    throw new AppError(
      'upstream_failed',
      refused
        ? `Stripe refused to ${what} (${error.message}): the server's Stripe settings may be wrong; tell its operator`
        : `Stripe did not answer while trying to ${what}: try again in a minute`,
    );
  }
}

export interface CheckoutRequest {
  companyId: string;
  companyName: string;
  email: string | null;
  customerId: string | null;
  planId: string;
  priceId: string;
  publicUrl: string;
}

/** A Checkout page for the plan (subscription mode), for the company's Stripe customer (made on first use). */
export async function startCheckoutAsService(
  deps: { database: Database; log: Logger },
  billing: StripeBilling,
  request: CheckoutRequest,
): Promise<string> {
  const { stripe } = billing;
  const { companyId, planId } = request;
  let customerId = request.customerId;
  if (!customerId) {
    const customer = await callStripe(deps.log, 'create a customer', () =>
      stripe.customers.create(
        { name: request.companyName, ...(request.email && { email: request.email }), metadata: { companyId } },
        // Two checkouts started at once make one customer.
        { idempotencyKey: `tcpa-customer-${companyId}` },
      ),
    );
    await deps.database.unsafeAsOwner((tx) => rememberStripeCustomerAsService(tx, companyId, customer.id));
    customerId = customer.id;
  }
  const session = await callStripe(deps.log, 'open a checkout page', () =>
    stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customerId,
      client_reference_id: companyId,
      line_items: [{ price: request.priceId, quantity: 1 }],
      metadata: { companyId, planId },
      subscription_data: { metadata: { companyId, planId } },
      success_url: `${request.publicUrl}/plan?checkout=done`,
      cancel_url: `${request.publicUrl}/plan?checkout=canceled`,
    }),
  );
  if (!session.url) throw new AppError('upstream_failed', 'Stripe opened a checkout without a page to show: try again');
  return session.url;
}

export async function openPortalAsService(
  log: Logger,
  billing: StripeBilling,
  customerId: string,
  publicUrl: string,
): Promise<string> {
  const session = await callStripe(log, 'open the billing portal', () =>
    billing.stripe.billingPortal.sessions.create({ customer: customerId, return_url: `${publicUrl}/plan` }),
  );
  return session.url;
}

export async function listInvoicesAsService(log: Logger, billing: StripeBilling, customerId: string) {
  const page = await callStripe(log, 'list the invoices', () =>
    billing.stripe.invoices.list({ customer: customerId, limit: 24 }),
  );
  return page.data.map((invoice) => ({
    id: invoice.id ?? '',
    number: invoice.number,
    createdAt: new Date(invoice.created * 1000).toISOString(),
    amountDueCents: invoice.amount_due,
    amountPaidCents: invoice.amount_paid,
    currency: invoice.currency,
    status: invoice.status,
    url: invoice.hosted_invoice_url ?? null,
  }));
}
