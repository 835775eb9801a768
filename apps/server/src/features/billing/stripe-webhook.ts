import type { Hono } from 'hono';
import type Stripe from 'stripe';
import { AppError } from '../../http/app-error.ts';
import { errorResponse } from '../../http/error-handler.ts';
import type { ServerDeps } from '../../server-deps.ts';
import { applyStripeEventAsService } from './apply-stripe-event.ts';

export const STRIPE_WEBHOOK_PATH = '/api/v1/billing/stripe-webhook';

/**
 * Stripe's events about subscriptions and invoices. The signature is checked over the raw body
 * (so this is not a JSON route); an event that does not verify changes nothing.
 */
export function mountStripeWebhook(app: Hono, deps: ServerDeps) {
  app.post(STRIPE_WEBHOOK_PATH, async (c) => {
    const billing = deps.billing;
    if (!billing) {
      return errorResponse(c, new AppError('not_found', 'Stripe billing is not set up on this server'));
    }
    const signature = c.req.header('stripe-signature');
    if (!signature) {
      return errorResponse(c, new AppError('bad_request', 'The Stripe-Signature header is missing'));
    }
    const payload = await c.req.text();
    let event: Stripe.Event;
    try {
      event = billing.stripe.webhooks.constructEvent(payload, signature, billing.webhookSecret);
    } catch (error) {
      deps.log.warn({ err: error }, 'Stripe webhook refused: the signature does not verify');
      return errorResponse(
        c,
        new AppError(
          'bad_request',
          "The Stripe signature does not verify: the payload was changed, is too old, or STRIPE_WEBHOOK_SECRET is not this endpoint's signing secret",
        ),
      );
    }
    const { outcome, companyId } = await applyStripeEventAsService(deps.database, billing, event);
    // Committed: the company's open pages and agents hear of it now (the plan watcher is the backstop).
    if (companyId) deps.bus.publish({ type: 'plan_changed', companyId });
    if (outcome !== 'applied' && outcome !== 'not_relevant') {
      deps.log.info({ eventId: event.id, type: event.type, outcome }, 'Stripe event not applied');
    }
    return c.json({ received: true, outcome });
  });
}
