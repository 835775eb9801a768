import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpWithProject } from '../../server/test/live-server.ts';
import { type AccountMail, linkIn, PUBLIC_URL, startAccountMail } from '../../server/test/support/account-mail.ts';
import { CHROMIUM, ensureDashboardBuilt, launchChromium } from './e2e-support.ts';

/** The emailed links as a person follows them: forgot password → email → new password → sign in; verify. */
describe.skipIf(!existsSync(CHROMIUM))('password reset and email verification in the dashboard', () => {
  let mail: AccountMail;
  let browser: Browser;

  beforeAll(async () => {
    await ensureDashboardBuilt();
    mail = await startAccountMail();
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await mail?.close();
  });

  /** The links name PUBLIC_URL; this server listens on a port of its own. */
  const opened = (link: string) => link.replace(PUBLIC_URL, mail.server.url);

  it('resets a forgotten password from the sign-in page through the emailed link', async () => {
    await signUpWithProject(mail.server, 'forgotdash');
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${mail.server.url}/login`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await page.getByLabel('Email').fill('ops@forgotdash.test');
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByText('If an account exists for this address, we sent it a link').waitFor();

    const email = await mail.mailTo('ops@forgotdash.test', /Reset your TCP Agent Platform password/);
    await page.goto(opened(linkIn(email, 'reset-password').link));
    await page.getByLabel(/^New password \(at least/).fill('a new dashboard passphrase');
    await page.getByLabel('New password again').fill('not the same one at all');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('The two passwords are not the same.').waitFor();
    await page.getByLabel('New password again').fill('a new dashboard passphrase');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('Your password is changed').waitFor();

    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill('ops@forgotdash.test');
    await page.getByLabel('Password').fill('a new dashboard passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();

    // The same link a second time says what happened.
    await page.goto(opened(linkIn(email, 'reset-password').link));
    await page.getByLabel(/^New password \(at least/).fill('yet another passphrase');
    await page.getByLabel('New password again').fill('yet another passphrase');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('This password reset link was already used').waitFor();
  }, 120_000);

  it('shows unverified people a banner whose Resend emails a link that verifies them', async () => {
    await signUpWithProject(mail.server, 'verifydash');
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${mail.server.url}/login`);
    await page.getByLabel('Email').fill('ops@verifydash.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const banner = page.getByText('Confirm your email address: we sent a link to ops@verifydash.test');
    await banner.waitFor();
    await page.getByRole('button', { name: 'Resend' }).click();
    await page.getByText('We sent a new verification link').waitFor();

    await mail.inbox.waitFor(
      () => mail.inbox.messages.filter((email) => email.envelopeTo.includes('ops@verifydash.test')).length === 2,
    );
    const [first, newest] = mail.inbox.messages.filter((email) => email.envelopeTo.includes('ops@verifydash.test'));
    // The first link stopped working when a new one was sent; signed in, the page offers another.
    await page.goto(opened(linkIn(first as never, 'verify-email').link));
    await page.getByText('This verification link was already used').waitFor();
    // Once the session has resumed on this fresh page load.
    await page.getByRole('button', { name: 'Resend' }).waitFor();

    await page.goto(opened(linkIn(newest as never, 'verify-email').link));
    await page.getByText('ops@verifydash.test is verified').waitFor();
    await page.getByRole('link', { name: 'Go to the dashboard' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    expect(await banner.count()).toBe(0);
  }, 120_000);
});
