import { readFile } from 'node:fs/promises';
import type { Hono } from 'hono';
import { publicUrlOf } from '../config/env.ts';
import type { ServerDeps } from '../server-deps.ts';
import { AppError } from './app-error.ts';
import { errorResponse } from './error-handler.ts';

const AGENT_DIR = new URL('../../../agent/', import.meta.url);
export const AGENT_BUNDLE_FILE = new URL('dist/tcpa-agent.mjs', AGENT_DIR);
const INSTALL_TEMPLATE_FILE = new URL('install.sh.template', AGENT_DIR);

/**
 * What a one-line install needs: `/install.sh` (with this server's URL filled in) and the
 * single-file agent bundle it downloads. The bundle is built by `npm run build:agent`, which
 * `npm start` runs first.
 */
export function mountAgentDistribution(app: Hono, deps: ServerDeps) {
  app.get('/install.sh', async (c) => {
    const template = await readFile(INSTALL_TEMPLATE_FILE, 'utf8');
    const script = template.replaceAll('__SERVER_URL__', publicUrlOf(deps.config));
    return c.body(script, 200, { 'content-type': 'text/x-shellscript; charset=utf-8', 'cache-control': 'no-store' });
  });
  app.get('/agent/tcpa-agent.mjs', async (c) => {
    try {
      const bundle = await readFile(AGENT_BUNDLE_FILE);
      return c.body(bundle, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
    } catch {
      return errorResponse(
        c,
        new AppError('not_found', 'The agent bundle has not been built on this server: run `npm run build:agent`'),
      );
    }
  });
}
