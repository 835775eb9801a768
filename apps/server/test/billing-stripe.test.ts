import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsafeSetCompanyPlan } from '../src/admin/operator-companies.sql.ts';
import { endPastDueGraceAsService } from '../src/features/billing/billing-maintenance.ts';
import { type LiveServer, type Peer, startLiveServer, TestAgent } from './live-server.ts';
import { type FakeStripe, STRIPE_PRICES, startFakeStripe } from './support/fake-stripe.ts';

const DAY_MS = 86_400_000;

/** Plans bought through Stripe: the official SDK against a local Stripe, webhooks signed for real. */
describe('billing through Stripe', () => {
  let stripe: FakeStripe;
  let server: LiveServer;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    server = await startLiveServer({ ...stripe.env, PUBLIC_URL: 'https://tcpa.example.com' });
  });
  afterAll(async () => {
    await server?.close();
    await stripe?.close();
  });

  let companies = 0;
  async function signUp() {
    companies += 1;
    const signup = await server.request('POST', '/api/v1/auth/signup', {
      body: {
        email: `owner${companies}@billing.test`,
        password: 'correct horse battery',
        companyName: `Buyer ${companies}`,
      },
    });
    expect(signup.status).toBe(201);
    return { token: signup.body.accessToken as string, companyId: signup.body.company.id as string };
  }
  const subscriptionOf = async (token: string) => (await server.request('GET', '/api/v1/subscription', { token })).body;
  const billingOf = async (token: string) => (await server.request('GET', '/api/v1/billing', { token })).body;

  /** Signs up, checks out Starter, and delivers what Stripe sends once paid. */
  async function subscribed() {
    const buyer = await signUp();
    const checkout = await server.request('POST', '/api/v1/billing/checkout', {
      token: buyer.token,
      body: { plan: 'starter' },
    });
    expect(checkout.status).toBe(200);
    const session = stripe.checkouts.at(-1);
    if (!session) throw new Error('no checkout');
    const subscriptionId = await stripe.completeCheckout(server.url, session);
    return { ...buyer, customer: session.customer, subscriptionId, session };
  }

  it('sends the buyer to a Stripe Checkout for the plan, for one customer per company', async () => {
    const buyer = await signUp();
    const before = await billingOf(buyer.token);
    expect(before).toMatchObject({
      managedBy: 'operator',
      stripeConfigured: true,
      purchasablePlanIds: ['starter', 'professional'],
      portalAvailable: false,
      status: 'active',
    });

    const first = await server.request('POST', '/api/v1/billing/checkout', {
      token: buyer.token,
      body: { plan: 'starter' },
    });
    const second = await server.request('POST', '/api/v1/billing/checkout', {
      token: buyer.token,
      body: { plan: 'professional' },
    });
    expect(first.status).toBe(200);
    const [one, two] = stripe.checkouts.slice(-2);
    expect(first.body.url).toBe(one?.url);
    expect(second.body.url).toBe(two?.url);
    expect(one).toMatchObject({
      companyId: buyer.companyId,
      planId: 'starter',
      priceId: STRIPE_PRICES.starter,
      successUrl: 'https://tcpa.example.com/plan?checkout=done',
      cancelUrl: 'https://tcpa.example.com/plan?checkout=canceled',
    });
    // The customer is made once and kept: the second checkout is for the same one.
    expect(two?.customer).toBe(one?.customer);
    const made = stripe.calls.filter(
      (call) => call.path === '/v1/customers' && call.form['metadata[companyId]'] === buyer.companyId,
    );
    expect(made).toHaveLength(1);
    expect(made[0]?.idempotencyKey).toBe(`tcpa-customer-${buyer.companyId}`);
    const session = stripe.calls.findLast((call) => call.path === '/v1/checkout/sessions');
    expect(session?.form).toMatchObject({
      mode: 'subscription',
      'subscription_data[metadata][companyId]': buyer.companyId,
    });

    // Nothing changes until Stripe says it is paid.
    expect((await subscriptionOf(buyer.token)).plan.id).toBe('free');
    expect((await billingOf(buyer.token)).portalAvailable).toBe(true);
  });

  it('refuses plans it does not sell, with what can be bought', async () => {
    const buyer = await signUp();
    for (const planId of ['enterprise', 'free', 'gold']) {
      const refused = await server.request('POST', '/api/v1/billing/checkout', {
        token: buyer.token,
        body: { plan: planId },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toBe(
        `The plan "${planId}" cannot be bought here: choose starter or professional (for Enterprise, contact us)`,
      );
    }
    const extra = await server.request('POST', '/api/v1/billing/checkout', {
      token: buyer.token,
      body: { plan: 'starter', price: 1 },
    });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toContain('unknown field "price"');
    // A company the operator put on a bigger plan buys nothing smaller over it.
    await server.sql(`update subscriptions set plan_id = 'professional' where company_id = $1`, [buyer.companyId]);
    const smaller = await server.request('POST', '/api/v1/billing/checkout', {
      token: buyer.token,
      body: { plan: 'starter' },
    });
    expect(smaller.status).toBe(409);
    expect(smaller.body.error.message).toBe(
      'Your company is on the Professional plan, which has everything Starter has: nothing to buy',
    );
    const noPortal = await server.request('POST', '/api/v1/billing/portal', { token: buyer.token });
    expect(noPortal.status).toBe(409);
    expect(noPortal.body.error.message).toBe(
      'Your company has no billing account yet: buy a plan on the Plan page first',
    );
  });

  it('applies the paid checkout: Starter, billed through Stripe, audited, and the API unlocked', async () => {
    const buyer = await subscribed();
    const subscription = await subscriptionOf(buyer.token);
    expect(subscription).toMatchObject({ plan: { id: 'starter' }, status: 'active', managedBy: 'stripe' });
    const billing = await billingOf(buyer.token);
    expect(billing).toMatchObject({
      managedBy: 'stripe',
      status: 'active',
      billedPlanId: 'starter',
      cancelAtPeriodEnd: false,
    });
    expect(new Date(billing.currentPeriodEnd).getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS);
    const keys = await server.request('POST', '/api/v1/api-keys', {
      token: buyer.token,
      body: { name: 'ci', scopes: ['agents:read'] },
    });
    expect(keys.status).toBe(201);
    const audit = await server.sql<{ details: { from: string; to: string }; user_agent: string }>(
      `select details, user_agent from audit_log where company_id = $1 and action = 'subscription.plan_changed'`,
      [buyer.companyId],
    );
    expect(audit).toEqual([
      { details: { actor: 'billing', from: 'free', to: 'starter' }, user_agent: 'stripe checkout.session.completed' },
    ]);

    // Already subscribed: plan changes go through the portal.
    const again = await server.request('POST', '/api/v1/billing/checkout', {
      token: buyer.token,
      body: { plan: 'professional' },
    });
    expect(again.status).toBe(409);
    const portal = await server.request('POST', '/api/v1/billing/portal', { token: buyer.token });
    expect(portal.status).toBe(200);
    expect(portal.body.url).toMatch(new RegExp(`^${stripe.url}/portal/bps_`));
    expect(stripe.calls.at(-1)?.form).toEqual({
      customer: buyer.customer,
      return_url: 'https://tcpa.example.com/plan',
    });
  });

  it('changes nothing for a wrong or missing signature', async () => {
    const buyer = await signUp();
    const checkout = await server.request('POST', '/api/v1/billing/checkout', {
      token: buyer.token,
      body: { plan: 'professional' },
    });
    expect(checkout.status).toBe(200);
    const session = stripe.checkouts.at(-1);
    const completed = stripe.event('checkout.session.completed', {
      id: session?.id,
      object: 'checkout.session',
      mode: 'subscription',
      customer: session?.customer,
      subscription: 'sub_forged',
      client_reference_id: buyer.companyId,
      metadata: { companyId: buyer.companyId, planId: 'professional' },
    });
    const tampered = completed.payload.replace('"professional"', '"enterprise"');
    const forged = await stripe.deliver(server.url, { payload: tampered, signature: completed.signature });
    expect(forged.status).toBe(400);
    expect(forged.body.error?.message).toMatch(/^The Stripe signature does not verify/);
    const unsigned = await fetch(`${server.url}/api/v1/billing/stripe-webhook`, {
      method: 'POST',
      body: completed.payload,
    });
    expect(unsigned.status).toBe(400);
    expect(((await unsigned.json()) as { error: { message: string } }).error.message).toBe(
      'The Stripe-Signature header is missing',
    );
    const wrongSecret = await stripe.deliver(server.url, {
      payload: completed.payload,
      signature: completed.signature.replace(/v1=[0-9a-f]+/, `v1=${'0'.repeat(64)}`),
    });
    expect(wrongSecret.status).toBe(400);
    expect((await subscriptionOf(buyer.token)).plan.id).toBe('free');
    const stored = await server.sql('select id from stripe_events where id = $1', [completed.id]);
    expect(stored).toEqual([]);
  });

  it('applies each event once: a replay changes nothing', async () => {
    const buyer = await subscribed();
    const canceled = stripe.event(
      'customer.subscription.deleted',
      stripe.subscription({
        id: buyer.subscriptionId,
        customer: buyer.customer,
        status: 'canceled',
        priceId: STRIPE_PRICES.starter,
      }),
    );
    expect((await stripe.deliver(server.url, canceled)).body.outcome).toBe('applied');
    expect(await subscriptionOf(buyer.token)).toMatchObject({
      plan: { id: 'free' },
      status: 'canceled',
      managedBy: 'operator',
    });
    // Stripe sends the same event again (its retry after a timeout): seen, not applied twice.
    expect((await stripe.deliver(server.url, canceled)).body).toEqual({ received: true, outcome: 'duplicate' });
    // A canceled subscription does not come back, even from an event at the same second.
    const revived = stripe.event(
      'customer.subscription.updated',
      stripe.subscription({
        id: buyer.subscriptionId,
        customer: buyer.customer,
        status: 'active',
        priceId: STRIPE_PRICES.starter,
      }),
    );
    expect((await stripe.deliver(server.url, revived)).body.outcome).toBe('stale');
    expect((await subscriptionOf(buyer.token)).plan.id).toBe('free');
  });

  it('ends in the right state whatever order the events come in', async () => {
    const buyer = await subscribed();
    const now = Math.floor(Date.now() / 1000);
    const update = (status: 'active' | 'past_due', priceId: string, at: number) =>
      stripe.event(
        'customer.subscription.updated',
        stripe.subscription({ id: buyer.subscriptionId, customer: buyer.customer, status, priceId }),
        at,
      );
    const upgraded = update('active', STRIPE_PRICES.professional, now + 20);
    const older = update('past_due', STRIPE_PRICES.starter, now + 10);
    expect((await stripe.deliver(server.url, upgraded)).body.outcome).toBe('applied');
    expect((await stripe.deliver(server.url, older)).body.outcome).toBe('stale');
    expect(await billingOf(buyer.token)).toMatchObject({ status: 'active', billedPlanId: 'professional' });
    expect((await subscriptionOf(buyer.token)).plan.id).toBe('professional');

    // The end of an older subscription arriving after a newer one began leaves the newer alone.
    const oldEnded = stripe.event(
      'customer.subscription.deleted',
      stripe.subscription({
        id: 'sub_older',
        customer: buyer.customer,
        status: 'canceled',
        priceId: STRIPE_PRICES.starter,
      }),
      now + 30,
    );
    expect((await stripe.deliver(server.url, oldEnded)).body.outcome).toBe('other_subscription');
    expect((await subscriptionOf(buyer.token)).plan.id).toBe('professional');

    // A cancellation at the period's end keeps the plan until then, and says so.
    const ending = stripe.subscription({
      id: buyer.subscriptionId,
      customer: buyer.customer,
      status: 'active',
      priceId: STRIPE_PRICES.professional,
      cancelAtPeriodEnd: true,
    });
    expect(
      (await stripe.deliver(server.url, stripe.event('customer.subscription.updated', ending, now + 40))).body.outcome,
    ).toBe('applied');
    expect(await billingOf(buyer.token)).toMatchObject({ billedPlanId: 'professional', cancelAtPeriodEnd: true });
  });

  it('past due: 7 days of grace, then Free with the agents following, and the plan back once paid', async () => {
    const buyer = await subscribed();
    const token = await server.request('POST', '/api/v1/projects', { token: buyer.token, body: { name: 'edge' } });
    const enrolment = await server.request('POST', `/api/v1/projects/${token.body.id}/enrolment-tokens`, {
      token: buyer.token,
      body: { reusable: false, preApproved: true },
    });
    const agent = await TestAgent.create();
    await agent.enrol(server, enrolment.body.secret, 'edge-1');
    const socket: Peer = await agent.connect(server);
    try {
      const hello = await socket.waitFor((m) => m.type === 'hello');
      const plans = (await server.request('GET', '/api/v1/plans')).body.plans as Array<{
        id: string;
        telemetryIntervalMs: number;
      }>;
      const intervalOf = (id: string) => plans.find((plan) => plan.id === id)?.telemetryIntervalMs;
      expect(hello.config.telemetryIntervalMs).toBe(intervalOf('starter'));

      const failed = stripe.event(
        'invoice.payment_failed',
        stripe.invoice({ customer: buyer.customer, subscription: buyer.subscriptionId }),
      );
      expect((await stripe.deliver(server.url, failed)).body.outcome).toBe('applied');
      const pastDue = await billingOf(buyer.token);
      expect(pastDue).toMatchObject({ status: 'past_due', billedPlanId: 'starter' });
      const failedAt = new Date(pastDue.pastDueSince).getTime();
      expect(new Date(pastDue.graceEndsAt).getTime()).toBe(failedAt + 7 * DAY_MS);
      expect((await subscriptionOf(buyer.token)).plan.id).toBe('starter'); // still in grace

      // The clock moves on: six days is still grace; past seven, the company is on Free.
      expect(await endPastDueGraceAsService(server.testDatabase.database, new Date(failedAt + 6 * DAY_MS))).toEqual([]);
      expect(
        await endPastDueGraceAsService(server.testDatabase.database, new Date(failedAt + 7 * DAY_MS + 1000)),
      ).toEqual([buyer.companyId]);
      expect(await subscriptionOf(buyer.token)).toMatchObject({
        plan: { id: 'free' },
        status: 'past_due',
        managedBy: 'stripe',
      });
      const slower = await socket.waitFor((m) => m.type === 'config' && m.config.planId === 'free');
      expect(slower.config.telemetryIntervalMs).toBe(intervalOf('free'));
      // Nothing was deleted: the agent is still there and active.
      const agents = await server.request('GET', `/api/v1/projects/${token.body.id}/agents`, { token: buyer.token });
      expect(agents.body.agents.map((a: { status: string }) => a.status)).toEqual(['active']);

      const paid = stripe.event(
        'invoice.paid',
        stripe.invoice({ customer: buyer.customer, subscription: buyer.subscriptionId }),
      );
      expect((await stripe.deliver(server.url, paid)).body.outcome).toBe('applied');
      expect(await billingOf(buyer.token)).toMatchObject({ status: 'active', pastDueSince: null, graceEndsAt: null });
      const faster = await socket.waitFor((m) => m.type === 'config' && m.config.planId === 'starter');
      expect(faster.config.telemetryIntervalMs).toBe(intervalOf('starter'));
    } finally {
      socket.close();
    }
  });

  it('lists the invoices Stripe holds for the company', async () => {
    const buyer = await subscribed();
    stripe.addInvoice(buyer.customer, {
      number: 'TCPA-0001',
      created: 1_780_000_000,
      amount_due: 4900,
      amount_paid: 4900,
      currency: 'usd',
      status: 'paid',
      hosted_invoice_url: 'https://invoice.stripe.com/i/acct_1/test_1',
    });
    const { status, body } = await server.request('GET', '/api/v1/billing/invoices', { token: buyer.token });
    expect(status).toBe(200);
    expect(body.invoices).toEqual([
      {
        id: expect.stringMatching(/^in_/),
        number: 'TCPA-0001',
        createdAt: new Date(1_780_000_000_000).toISOString(),
        amountDueCents: 4900,
        amountPaidCents: 4900,
        currency: 'usd',
        status: 'paid',
        url: 'https://invoice.stripe.com/i/acct_1/test_1',
      },
    ]);
    expect(stripe.calls.at(-1)).toMatchObject({
      method: 'GET',
      path: '/v1/invoices',
      form: { customer: buyer.customer },
    });
  });

  it("says what Stripe's refusal means instead of failing with a 500", async () => {
    const buyer = await signUp();
    stripe.failNext(400, 'invalid_request_error', 'No such price: price_starter_monthly');
    const refused = await server.request('POST', '/api/v1/billing/checkout', {
      token: buyer.token,
      body: { plan: 'starter' },
    });
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe('upstream_failed');
    // With Stripe's request id, which its support asks for.
    expect(refused.body.error.message).toMatch(
      /^Stripe refused to create a customer \(\[req_\d+\] No such price: price_starter_monthly\): the server's Stripe settings may be wrong; tell its operator$/,
    );
  });

  it('the operator command leaves a company billed by Stripe alone unless forced', async () => {
    const buyer = await subscribed();
    const database = server.testDatabase.database;
    await expect(
      database.unsafeAsOwner((owner) => unsafeSetCompanyPlan(owner, buyer.companyId, 'enterprise')),
    ).rejects.toThrow(
      `Buyer ${companies} pays for the starter plan through Stripe (subscription ${buyer.subscriptionId}): change it there, or add --force`,
    );
    expect((await subscriptionOf(buyer.token)).plan.id).toBe('starter');
    const forced = await database.unsafeAsOwner((owner) =>
      unsafeSetCompanyPlan(owner, buyer.companyId, 'enterprise', true),
    );
    expect(forced).toMatchObject({ from: 'starter', to: 'enterprise' });
  });
});

describe('billing without Stripe', () => {
  let server: LiveServer;
  beforeAll(async () => {
    server = await startLiveServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('says the operator sets plans, and has no webhook', async () => {
    const signup = await server.request('POST', '/api/v1/auth/signup', {
      body: { email: 'self@hosted.test', password: 'correct horse battery', companyName: 'Self hosted' },
    });
    const token = signup.body.accessToken;
    expect((await server.request('GET', '/api/v1/subscription', { token })).body.managedBy).toBe('operator');
    expect((await server.request('GET', '/api/v1/billing', { token })).body).toEqual({
      managedBy: 'operator',
      stripeConfigured: false,
      purchasablePlanIds: [],
      portalAvailable: false,
      status: 'active',
      billedPlanId: null,
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      pastDueSince: null,
      graceEndsAt: null,
    });
    const checkout = await server.request('POST', '/api/v1/billing/checkout', { token, body: { plan: 'starter' } });
    expect(checkout.status).toBe(409);
    expect(checkout.body.error.message).toBe(
      'This server does not sell plans through Stripe: its operator sets plans with `tcpa admin set-plan`',
    );
    expect((await server.request('GET', '/api/v1/billing/invoices', { token })).body).toEqual({ invoices: [] });
    const webhook = await fetch(`${server.url}/api/v1/billing/stripe-webhook`, { method: 'POST', body: '{}' });
    expect(webhook.status).toBe(404);
  });
});
