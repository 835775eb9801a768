import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { invite, PASSWORD, type Person, signUp } from '../../server/test/people.ts';
import { type FakeCheckout, type FakeStripe, startFakeStripe } from '../../server/test/support/fake-stripe.ts';
import { axeViolations } from './axe-violations.ts';
import { CHROMIUM, SCREENSHOT_DIR, signInThroughPage, useDashboardInBrowser } from './e2e-support.ts';

/**
 * Buying a plan through Stripe from the Plan page, against a local Stripe double (its Checkout page,
 * its signed webhooks): Free → Starter, the API keys it unlocks, invoices, a failed payment told on
 * every page; and the people who do not pay are offered nothing and never ask for billing.
 */
describe.skipIf(!existsSync(CHROMIUM))('billing in Chromium', () => {
  let stripe: FakeStripe | undefined;
  const dashboard = useDashboardInBrowser(async () => {
    stripe = await startFakeStripe();
    return stripe.env;
  });
  afterAll(async () => {
    await stripe?.close();
  });
  const fake = () => {
    if (!stripe) throw new Error('the fake Stripe is not started');
    return stripe;
  };

  const signIn = (page: Page, email: string) => signInThroughPage(page, dashboard.server.url, email, PASSWORD);

  async function createApiKey(page: Page, name: string) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await page.getByLabel('Key name').fill(name);
    await page.getByRole('button', { name: 'Create key' }).click();
  }

  const planCard = (page: Page, name: string) =>
    page.locator('.plan').filter({ has: page.getByRole('heading', { name, level: 3 }) });

  /** Stripe's webhooks for a paid checkout, delivered signed; answers the subscription's id. */
  const confirmCheckout = (checkout: FakeCheckout) => fake().completeCheckout(dashboard.server.url, checkout);

  /** A company bought Starter through Checkout (by the API) and Stripe confirmed it. */
  async function buyStarter(owner: Person) {
    const started = await dashboard.server.request('POST', '/api/v1/billing/checkout', {
      token: owner.token,
      body: { plan: 'starter' },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const checkout = fake().checkouts.find((candidate) => candidate.url === started.body.url);
    if (!checkout) throw new Error('no checkout was opened');
    await confirmCheckout(checkout);
  }

  it('upgrades Free to Starter through Checkout, unlocks API keys, lists invoices, and tells of a failed payment', async () => {
    const { server } = dashboard;
    await signUp(server, 'owner@buyer.test', 'Buyer Co');
    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await signIn(page, 'owner@buyer.test');

    // On Free, API keys are locked: the refusal names the plan that allows them.
    await createApiKey(page, 'deploys');
    const refusal = page.getByRole('alert').filter({ hasText: 'API access' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/The Free plan does not include API access: upgrade to Starter/);
    await refusal.getByRole('link', { name: 'See Plan & usage' }).click();

    // The Plan page: set by the operator, and the paid plans above Free to buy; Enterprise is "Contact us".
    await page.getByRole('heading', { name: 'Plan & usage', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Upgrade to Starter' }).waitFor();
    expect(await page.getByText('Set by the operator of this server').textContent()).toContain(
      'or upgrade below through Stripe',
    );
    expect(await page.getByRole('button', { name: 'Upgrade to Professional' }).count()).toBe(1);
    expect(await planCard(page, 'Free').getByRole('button').count()).toBe(0);
    expect(await planCard(page, 'Enterprise').getByRole('button').count()).toBe(0);
    expect(await planCard(page, 'Enterprise').textContent()).toContain('Contact us');
    expect(await page.getByRole('button', { name: 'Manage billing' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Invoices' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Checkout: the browser goes to Stripe's page for Starter.
    await page.getByRole('button', { name: 'Upgrade to Starter' }).click();
    await page.waitForURL(/\/pay\/cs_test_/);
    const [checkout] = fake().checkouts;
    if (!checkout) throw new Error('no checkout was opened');
    expect(page.url()).toBe(checkout.url);
    expect(checkout.planId).toBe('starter');
    await page.getByRole('heading', { name: 'Pay for starter' }).waitFor();
    // Back from Stripe's page without paying: the button works again (headless Chromium loads the page anew
    // here; a page the browser restores from its cache re-enables it on `pageshow`, which this does not reach).
    await page.goBack();
    const upgradeAgain = page.getByRole('button', { name: 'Upgrade to Starter' });
    await upgradeAgain.waitFor();
    expect(await upgradeAgain.isEnabled()).toBe(true);
    // Stripe sends the browser back to PUBLIC_URL's Plan page (the live server's port is not known before it starts).
    expect(new URL(checkout.successUrl).pathname + new URL(checkout.successUrl).search).toBe('/plan?checkout=done');

    // Stripe bills the checkout (its invoice is listed once the webhooks are in).
    fake().addInvoice(checkout.customer, {
      number: 'BUYER-0001',
      created: Math.floor(Date.UTC(2026, 11, 7, 12) / 1000),
      amount_due: 4900,
      amount_paid: 4900,
      currency: 'usd',
      status: 'paid',
      hosted_invoice_url: `${fake().url}/invoices/BUYER-0001`,
    });

    // Back before Stripe's webhook: paid, waiting for the confirmation.
    await page.goto(`${server.url}/plan?checkout=done`);
    const waiting = page.getByRole('status').filter({ hasText: 'Payment received' });
    await waiting.waitFor();
    expect(await waiting.textContent()).toBe('Payment received; your plan changes as soon as Stripe confirms it.');
    expect(await page.getByRole('button', { name: /^Upgrade to/ }).count()).toBe(0);

    // Stripe confirms: the open page follows (realtime plan_changed), no reload.
    const subscriptionId = await confirmCheckout(checkout);
    await page.getByText('Billed through Stripe').waitFor();
    await waiting.waitFor({ state: 'detached' });
    const current = page.locator('.card').filter({ hasText: 'Billed through Stripe' });
    expect(await current.getByRole('heading', { level: 2 }).textContent()).toMatch(/^Starter/);
    // Checkout's completion says no period; the subscription's own event, a moment later, does.
    await current.getByText(/Billed through Stripe · renews on \w+/).waitFor();
    expect(await planCard(page, 'Starter').textContent()).toContain('your plan');
    expect(await page.getByText('Set by the operator of this server').count()).toBe(0);
    // A subscription is changed in Stripe's portal, not bought twice.
    expect(await page.getByRole('button', { name: /^Upgrade to/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Manage billing' }).waitFor();
    // Its invoice, with the amount in its currency and a link to Stripe's page.
    const invoices = page.getByRole('table', { name: 'Invoices' });
    const row = invoices.getByRole('row').filter({ hasText: 'BUYER-0001' });
    await row.waitFor();
    expect(await row.textContent()).toContain('$49.00');
    expect(await row.textContent()).toContain('paid');
    const view = row.getByRole('link', { name: /^View/ });
    expect(await view.getAttribute('href')).toBe(`${fake().url}/invoices/BUYER-0001`);
    expect(await view.getAttribute('rel')).toContain('noopener');
    expect(await view.getAttribute('target')).toBe('_blank');

    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'plan-stripe.png'), fullPage: true });

    // Starter includes API access: the key is made.
    await createApiKey(page, 'deploys');
    await page.getByText('Copy the key now: it is shown only once.').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);

    // A renewal fails: every page says until when to pay, and links to the Plan page.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
    const failed = fake().event(
      'invoice.payment_failed',
      fake().invoice({ customer: checkout.customer, subscription: subscriptionId }),
    );
    expect((await fake().deliver(server.url, failed)).status).toBe(200);
    const banner = page.getByRole('alert').filter({ hasText: 'Payment failed' });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/^Payment failed: pay by .+ to keep the Starter plan\./);
    expect(await axeViolations(page)).toEqual([]);
    await banner.getByRole('link', { name: 'See Plan & usage' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'Your last payment failed' });
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /Your last payment failed\. Pay by .+ to keep Starter; after that the company moves to Free \(nothing is deleted\)\./,
    );
    // The Plan page says it once, in its own notice.
    expect(await page.getByRole('alert').filter({ hasText: 'Payment failed:' }).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'plan-past-due.png'), fullPage: true });

    // Manage billing opens Stripe's Customer Portal.
    await notice.getByRole('button', { name: 'Manage billing' }).click();
    await page.waitForURL(`${fake().url}/portal/**`);
    expect(page.url().startsWith(`${fake().url}/portal/bps_`)).toBe(true);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it('says so when Checkout was canceled, and shows why Stripe refused to open it', async () => {
    const { server } = dashboard;
    await signUp(server, 'owner@undecided.test', 'Undecided Co');
    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, 'owner@undecided.test');
    await page.goto(`${server.url}/plan?checkout=canceled`);
    await page.getByRole('status').filter({ hasText: 'Checkout was canceled; nothing changed.' }).waitFor();

    // Refused, not failed: the SDK retries a 500 on its own, and the retry would succeed.
    fake().failNext(400, 'invalid_request_error', 'No such price');
    await page.getByRole('button', { name: 'Upgrade to Professional' }).click();
    const refused = page.getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(
      /^Stripe refused to create a customer \(.*No such price\): the server's Stripe settings may be wrong; tell its operator/,
    );
    expect(new URL(page.url()).pathname).toBe('/plan');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it('offers no billing to an admin (read only) or a member, and a member never asks for it', async () => {
    const { server } = dashboard;
    const owner = await signUp(server, 'owner@paidteam.test', 'Paid Team Co');
    const admin = await invite(server, owner, 'admin@paidteam.test', 'admin');
    const member = await invite(server, owner, 'member@paidteam.test', 'member');
    await buyStarter(owner);
    const failed = fake().event(
      'invoice.payment_failed',
      fake().invoice({
        customer: fake().checkouts.at(-1)?.customer ?? '',
        subscription:
          (
            await server.sql<{ id: string }>(
              'select stripe_subscription_id as id from subscriptions where company_id = $1',
              [owner.companyId],
            )
          )[0]?.id ?? '',
      }),
    );
    expect((await fake().deliver(server.url, failed)).status).toBe(200);

    for (const [person, readsBilling] of [
      [admin, true],
      [member, false],
    ] as const) {
      const context = await dashboard.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const billingRequests: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/v1/billing')) billingRequests.push(request.url());
      });
      await signIn(page, person.email);
      // The banner is for those who pay: an admin reads billing on the Plan page only; a member not at all.
      const banner = page.getByRole('alert').filter({ hasText: 'Payment failed' });
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plan & usage' }).click();
      await page.getByRole('heading', { name: 'Plan & usage', level: 1 }).waitFor();
      await page.getByText('Billed through Stripe').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('button', { name: /^Upgrade to|^Manage billing$/ }).count()).toBe(0);
      if (readsBilling) {
        // The renewal date comes with billing, which may load after the plan: wait for it, not a snapshot.
        await page.getByText(/Billed through Stripe · renews on \w+/).waitFor();
        await page.getByRole('alert').filter({ hasText: 'Your last payment failed' }).waitFor();
        // Billing is loaded now: the other pages still carry no banner for them.
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
        await page.waitForLoadState('networkidle');
        expect(await banner.count()).toBe(0);
      } else {
        expect(billingRequests).toEqual([]);
        expect(await page.getByRole('alert').count()).toBe(0);
        expect(await banner.count()).toBe(0);
      }
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
  }, 90_000);
});
