import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

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
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  await run('npm', ['run', 'build:dashboard', '--silent'], { cwd: REPO_DIR, timeout: 180_000 });
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
