import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A local HTTP server answering the part of Stripe's API the control plane calls (customers,
 * Checkout, the Customer Portal, invoices), reached by the official SDK through STRIPE_API_URL,
 * and a sender of webhook events signed with the SDK's own test-header helper.
 */
export const STRIPE_PRICES = { starter: 'price_starter_monthly', professional: 'price_professional_monthly' };
const WEBHOOK_SECRET = 'whsec_localtestsecret';

export interface StripeCall {
  method: string;
  path: string;
  /** Form fields as Stripe's SDK sends them (`metadata[companyId]`, `line_items[0][price]`). */
  form: Record<string, string>;
  idempotencyKey: string | undefined;
}

export interface FakeCheckout {
  id: string;
  customer: string;
  companyId: string;
  planId: string;
  priceId: string;
  successUrl: string;
  cancelUrl: string;
  url: string;
}

export interface FakeStripe {
  url: string;
  /** The environment that points a server at this Stripe. */
  env: Record<string, string>;
  calls: StripeCall[];
  checkouts: FakeCheckout[];
  /** The next API call answers this error (once). */
  failNext(status: number, type: string, message: string): void;
  addInvoice(customer: string, invoice: Partial<Stripe.Invoice>): void;
  /** A signed event as Stripe would send it; `created` in seconds (defaults to now). */
  event(type: string, object: unknown, created?: number): { id: string; payload: string; signature: string };
  /** Posts a signed event to the server's webhook; answers its status and body. */
  deliver(
    serverUrl: string,
    event: { payload: string; signature: string },
  ): Promise<{ status: number; body: { received?: boolean; outcome?: string; error?: { message: string } } }>;
  /** What Stripe sends once the checkout is paid: the session completed and the subscription created. */
  completeCheckout(serverUrl: string, checkout: FakeCheckout, subscriptionId?: string): Promise<string>;
  subscription(fields: {
    id: string;
    customer: string;
    status: Stripe.Subscription.Status;
    priceId: string;
    companyId?: string;
    periodEnd?: number;
    cancelAtPeriodEnd?: boolean;
  }): Stripe.Subscription;
  invoice(fields: { customer: string; subscription: string }): Stripe.Invoice;
  close(): Promise<void>;
}

async function readForm(request: IncomingMessage): Promise<Record<string, string>> {
  let text = '';
  for await (const chunk of request) text += chunk;
  const url = new URL(request.url ?? '/', 'http://stripe.local');
  const fields = Object.fromEntries(url.searchParams);
  return { ...fields, ...Object.fromEntries(new URLSearchParams(text)) };
}

export async function startFakeStripe(): Promise<FakeStripe> {
  const sdk = new Stripe('sk_test_unused');
  const calls: StripeCall[] = [];
  const checkouts: FakeCheckout[] = [];
  const invoices: Stripe.Invoice[] = [];
  const customersByKey = new Map<string, object>();
  let counter = 0;
  let failure: { status: number; type: string; message: string } | undefined;
  const next = (prefix: string) => `${prefix}_${(++counter).toString().padStart(6, '0')}`;
  let base = '';

  const answer = async (method: string, path: string, form: Record<string, string>, key: string | undefined) => {
    if (method === 'POST' && path === '/v1/customers') {
      const known = key ? customersByKey.get(key) : undefined;
      if (known) return known;
      const customer = { id: next('cus'), object: 'customer', name: form.name, email: form.email ?? null };
      if (key) customersByKey.set(key, customer);
      return customer;
    }
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const id = next('cs_test');
      const checkout: FakeCheckout = {
        id,
        customer: form.customer ?? '',
        companyId: form['metadata[companyId]'] ?? '',
        planId: form['metadata[planId]'] ?? '',
        priceId: form['line_items[0][price]'] ?? '',
        successUrl: form.success_url ?? '',
        cancelUrl: form.cancel_url ?? '',
        url: `${base}/pay/${id}`,
      };
      checkouts.push(checkout);
      return { id, object: 'checkout.session', mode: form.mode, url: checkout.url, customer: checkout.customer };
    }
    if (method === 'POST' && path === '/v1/billing_portal/sessions') {
      const id = next('bps');
      return { id, object: 'billing_portal.session', customer: form.customer, url: `${base}/portal/${id}` };
    }
    if (method === 'GET' && path === '/v1/invoices') {
      const data = invoices.filter((invoice) => invoice.customer === form.customer);
      return { object: 'list', data, has_more: false, url: '/v1/invoices' };
    }
    return undefined;
  };

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://stripe.local');
    const form = await readForm(request);
    if (url.pathname.startsWith('/pay/')) {
      const checkout = checkouts.find((candidate) => candidate.url.endsWith(url.pathname));
      response.writeHead(checkout ? 200 : 404, { 'content-type': 'text/html' });
      response.end(
        `<!doctype html><title>Local Stripe Checkout</title><h1>Pay for ${checkout?.planId ?? 'nothing'}</h1>`,
      );
      return;
    }
    const key = request.headers['idempotency-key'] as string | undefined;
    calls.push({ method: request.method ?? '', path: url.pathname, form, idempotencyKey: key });
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'request-id': next('req') });
      response.end(JSON.stringify(body));
    };
    if (failure) {
      const { status, type, message } = failure;
      failure = undefined;
      return json(status, { error: { type, message } });
    }
    const body = await answer(request.method ?? '', url.pathname, form, key);
    if (body === undefined)
      return json(404, { error: { type: 'invalid_request_error', message: 'Unrecognized request URL' } });
    json(200, body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const event: FakeStripe['event'] = (type, object, created = Math.floor(Date.now() / 1000)) => {
    const id = next('evt');
    const payload = JSON.stringify({
      id,
      object: 'event',
      api_version: Stripe.API_VERSION,
      created,
      type,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object },
    });
    return { id, payload, signature: sdk.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }) };
  };
  const deliver: FakeStripe['deliver'] = async (serverUrl, signed) => {
    const response = await fetch(`${serverUrl}/api/v1/billing/stripe-webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signed.signature },
      body: signed.payload,
    });
    return {
      status: response.status,
      body: (await response.json()) as Awaited<ReturnType<FakeStripe['deliver']>>['body'],
    };
  };
  const subscription: FakeStripe['subscription'] = (fields) =>
    ({
      id: fields.id,
      object: 'subscription',
      customer: fields.customer,
      status: fields.status,
      cancel_at_period_end: fields.cancelAtPeriodEnd ?? false,
      metadata: fields.companyId ? { companyId: fields.companyId } : {},
      items: {
        object: 'list',
        data: [
          {
            id: `si_${fields.id}`,
            object: 'subscription_item',
            price: { id: fields.priceId, object: 'price' },
            current_period_end: fields.periodEnd ?? Math.floor(Date.now() / 1000) + 30 * 86_400,
          },
        ],
      },
    }) as unknown as Stripe.Subscription;
  const invoice: FakeStripe['invoice'] = (fields) =>
    ({
      id: next('in'),
      object: 'invoice',
      customer: fields.customer,
      parent: { type: 'subscription_details', subscription_details: { subscription: fields.subscription } },
    }) as unknown as Stripe.Invoice;

  return {
    url: base,
    env: {
      STRIPE_SECRET_KEY: 'sk_test_localfake',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_PRICE_STARTER: STRIPE_PRICES.starter,
      STRIPE_PRICE_PROFESSIONAL: STRIPE_PRICES.professional,
      STRIPE_API_URL: base,
    },
    calls,
    checkouts,
    failNext(status, type, message) {
      failure = { status, type, message };
    },
    addInvoice(customer, fields) {
      invoices.unshift({ id: next('in'), object: 'invoice', customer, ...fields } as Stripe.Invoice);
    },
    event,
    deliver,
    subscription,
    invoice,
    async completeCheckout(serverUrl, checkout, subscriptionId = next('sub')) {
      const session = {
        id: checkout.id,
        object: 'checkout.session',
        mode: 'subscription',
        customer: checkout.customer,
        subscription: subscriptionId,
        client_reference_id: checkout.companyId,
        metadata: { companyId: checkout.companyId, planId: checkout.planId },
      };
      for (const signed of [
        event('checkout.session.completed', session),
        event(
          'customer.subscription.created',
          subscription({
            id: subscriptionId,
            customer: checkout.customer,
            status: 'active',
            priceId: checkout.priceId,
            companyId: checkout.companyId,
          }),
        ),
      ]) {
        const delivered = await deliver(serverUrl, signed);
        if (delivered.status !== 200) throw new Error(`webhook answered ${delivered.status}`);
      }
      return subscriptionId;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
