import { readFile, stat } from 'node:fs/promises';
import { extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';

const DIST_DIR = fileURLToPath(new URL('../../../dashboard/dist/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Paths the SPA fallback must never answer: the API and the files other routes serve. */
const NOT_DASHBOARD = /^\/(api|\.well-known|install\.sh|agent)(\/|$)/;

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dashboard not built</title></head>
<body><main><h1>The dashboard has not been built</h1>
<p>Run <code>npm run build:dashboard</code> (or <code>npm start</code>, which builds it) and reload. The API is at <a href="/api/docs">/api/docs</a>.</p></main></body></html>`;

async function readDistFile(relativePath: string): Promise<Buffer | null> {
  const full = normalize(`${DIST_DIR}${relativePath}`);
  if (!full.startsWith(DIST_DIR) || full.includes(`${sep}..${sep}`)) return null;
  try {
    if (!(await stat(full)).isFile()) return null;
    return await readFile(full);
  } catch {
    return null;
  }
}

/**
 * Serves the built dashboard (apps/dashboard/dist) at `/`: hashed assets cached for a year,
 * index.html never cached, and index.html for every other page path (client-side routes).
 */
export function mountDashboard(app: Hono) {
  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (NOT_DASHBOARD.test(path)) return next();
    if (path.startsWith('/assets/')) {
      const file = await readDistFile(path.slice(1));
      if (!file) return next();
      return c.body(new Uint8Array(file), 200, {
        'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': 'public, max-age=31536000, immutable',
      });
    }
    const direct = path !== '/' && extname(path) ? await readDistFile(path.slice(1)) : null;
    if (direct) {
      return c.body(new Uint8Array(direct), 200, {
        'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
    }
    const index = await readDistFile('index.html');
    if (!index) return path === '/' ? c.html(NOT_BUILT_PAGE, 200, { 'cache-control': 'no-store' }) : next();
    return c.body(new Uint8Array(index), 200, {
      'content-type': CONTENT_TYPES['.html'] as string,
      'cache-control': 'no-cache',
    });
  });
}
