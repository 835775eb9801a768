import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, sample, startLiveServer, TestAgent } from '../../server/test/live-server.ts';
import { CHROMIUM, ensureDashboardBuilt, launchChromium } from './e2e-support.ts';

/**
 * The security headers as a browser meets them: the dashboard and the API docs work in real
 * Chromium under the Content Security Policy with no violation, and the policy is enforced.
 */
const haveChromium = existsSync(CHROMIUM);

/** Records every CSP violation and console error of a page. */
async function watch(page: Page) {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error}`));
  await page.exposeFunction('reportViolation', (text: string) => problems.push(`violation: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportViolation: (text: string) => void }).reportViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return problems;
}

function expectStrictPolicy(headers: Record<string, string>) {
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
}

describe.skipIf(!haveChromium)('security headers in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;
  let framer: Server;

  beforeAll(async () => {
    await ensureDashboardBuilt();
    server = await startLiveServer();
    browser = await launchChromium();
    // Another origin (127.0.0.1 rather than localhost) that tries to frame our pages.
    framer = createServer((request, response) => {
      const target = new URL(request.url ?? '/', 'http://x').searchParams.get('src') ?? '';
      response.setHeader('content-type', 'text/html');
      response.end(`<!doctype html><iframe id="victim" src="${server.url}${target}"></iframe>`);
    });
    await new Promise<void>((listening) => framer.listen(0, '127.0.0.1', listening));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((closed) => framer?.close(closed));
  });

  it('the dashboard works under the policy: sign-up, projects, fleet with a live agent chart, API keys', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = await watch(page);
    const response = await page.goto(`${server.url}/`);
    expectStrictPolicy(response?.headers() ?? {});

    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Your name').fill('Cy Sec');
    await page.getByLabel('Email').fill('cy@csp.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel('Company name').fill('CSP Co');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('New project name').fill('Production');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
    const [company] = await server.sql<{ id: string }>(`select id from companies where name = 'CSP Co'`);
    await server.sql(`update subscriptions set plan_id = 'professional' where company_id = $1`, [company?.id]);

    // An agent streaming telemetry: the fleet updates over the WebSocket and uPlot draws it.
    await page.getByRole('link', { name: 'Add agent' }).first().click();
    await page.getByLabel(/^Transfer folder/).fill('/srv/transfers');
    await page.getByRole('button', { name: 'Create install command' }).click();
    const token = /--token\s+(\S+)/.exec((await page.getByTestId('install-command').textContent()) ?? '')?.[1];
    const agent = await TestAgent.create();
    expect((await agent.enrol(server, token as string, 'csp-edge')).status).toBe(201);
    await server.sql(`update agents set status = 'active' where id = $1`, [agent.agentId]);
    const socket = await agent.connect(server);
    let seq = 0;
    const feed = setInterval(() => {
      seq += 1;
      socket.send({ type: 'telemetry', samples: [sample(seq, Date.now(), { throughputBps: 1e6 * seq })] });
    }, 300);
    try {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fleet' }).click();
      await page
        .getByRole('row', { name: /csp-edge/ })
        .getByText('online')
        .waitFor({ timeout: 20_000 });
      await page.getByRole('link', { name: 'csp-edge' }).click();
      await page.locator('.chart canvas').first().waitFor({ timeout: 20_000 });
      await page.waitForFunction(
        () => /([3-9]|\d\d+) points/.test(document.querySelector('[data-testid="sample-count"]')?.textContent ?? ''),
        undefined,
        { timeout: 20_000 },
      );
    } finally {
      clearInterval(feed);
      socket.close();
    }

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    await page.getByText('No API keys yet').waitFor();
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('the API docs work under the policy: Swagger UI lists every operation and runs one', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = await watch(page);
    const response = await page.goto(`${server.url}/api/docs`);
    expectStrictPolicy(response?.headers() ?? {});
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.values(document.paths).reduce((total, path) => total + Object.keys(path).length, 0);
    await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.opblock').count()).toBe(operations);

    const health = page.locator('.opblock', { hasText: '/api/v1/health' });
    await health.locator('.opblock-summary').click();
    await health.getByRole('button', { name: 'Try it out' }).click();
    await health.getByRole('button', { name: 'Execute' }).click();
    await health.locator('.live-responses-table .response-col_status', { hasText: '200' }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('is enforced: another site cannot frame the dashboard or the docs, and injected script does not run', async () => {
    const page = await browser.newPage();
    const problems = await watch(page);
    await page.goto(`${server.url}/`);
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.head.append(script);
      return (window as unknown as { injected?: boolean }).injected === true;
    });
    expect(ran).toBe(false);
    await expect
      .poll(() => problems.some((problem) => /violation: script-src-elem blocked inline/.test(problem)))
      .toBe(true);

    const framerUrl = `http://127.0.0.1:${(framer.address() as AddressInfo).port}`;
    for (const target of ['/', '/api/docs']) {
      await page.goto(`${framerUrl}/?src=${encodeURIComponent(target)}`);
      const frame = await (await page.waitForSelector('#victim')).contentFrame();
      // A refused frame shows Chromium's error page instead of ours.
      await expect.poll(() => frame?.url()).toBe('chrome-error://chromewebdata/');
    }
    await page.close();
  }, 60_000);
});
