import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type LiveServer, startLiveServer } from '../../server/test/live-server.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const DASHBOARD_DIR = new URL('..', import.meta.url).pathname;
export const REPO_DIR = new URL('../../..', import.meta.url).pathname;
export const SCREENSHOT_DIR = join(REPO_DIR, 'test-output', 'screenshots');
const run = promisify(execFile);

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds the dashboard when dist is missing or older than its sources. */
export async function ensureDashboardBuilt() {
  const built = join(DASHBOARD_DIR, 'dist', 'index.html');
  const sources = Math.max(
    newestMtime(join(DASHBOARD_DIR, 'src')),
    newestMtime(join(DASHBOARD_DIR, 'index.html')),
    newestMtime(join(DASHBOARD_DIR, 'vite.config.ts')),
    newestMtime(join(REPO_DIR, 'packages', 'contracts', 'src')),
  );
  const fresh = () => existsSync(built) && statSync(built).mtimeMs >= sources;
  if (fresh()) return;
  // The pglite and postgres projects run this file at the same time: one builds, the other waits.
  const lock = join(DASHBOARD_DIR, '.build-lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`waited 3 minutes for ${lock}; remove it if no build is running`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    // The build users get: under vitest NODE_ENV is 'test', which would bundle React's development build.
    const env = { ...process.env, NODE_ENV: 'production' };
    if (!fresh()) await run('npm', ['run', 'build:dashboard', '--silent'], { cwd: REPO_DIR, timeout: 180_000, env });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Gzipped size of the JS the first page load fetches (the entry chunk and its static imports). */
export async function initialJsGzipBytes(): Promise<{ files: string[]; gzipBytes: number }> {
  const { readFile } = await import('node:fs/promises');
  const { gzipSync } = await import('node:zlib');
  const html = await readFile(join(DASHBOARD_DIR, 'dist', 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  let gzipBytes = 0;
  for (const file of files) gzipBytes += gzipSync(await readFile(join(DASHBOARD_DIR, 'dist', file))).length;
  return { files, gzipBytes };
}

/** Debian's Chromium, headless, as the machine allows it (no sandbox, no GPU, no background traffic). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * For a describe block: the built dashboard served by a live control plane, and Chromium.
 * `serverEnv`, called before the server starts, gives it more settings (e.g. the address of a local
 * receiver started first).
 */
export function useDashboardInBrowser(serverEnv?: () => Promise<Record<string, string>>) {
  let server: LiveServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await ensureDashboardBuilt();
    server = await startLiveServer(serverEnv ? await serverEnv() : {});
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (!value) throw new Error('not started yet (use it inside a test)');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
  };
}

/** Signs in through the sign-in page, as a person does, and waits for the signed-in app. */
export async function signInThroughPage(page: Page, serverUrl: string, email: string, password: string) {
  await page.goto(`${serverUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

/** Clicks `button` and accepts the question it asks; answers the question. */
export async function clickAndConfirm(page: Page, button: Locator): Promise<string> {
  const asked = new Promise<string>((resolve) =>
    page.once('dialog', (dialog) => {
      resolve(dialog.message());
      void dialog.accept();
    }),
  );
  await button.click();
  return asked;
}
