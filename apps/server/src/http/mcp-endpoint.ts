import { McpHttpEndpoint } from '@tcpa/mcp';
import type { Hono } from 'hono';
import type { ServerDeps } from '../server-deps.ts';

export const MCP_PATH = '/mcp';

/**
 * The MCP server over Streamable HTTP at /mcp. Its tools call this same app in process (no
 * network hop) with the caller's API key, so the API routes enforce scopes, projects, RLS and
 * plan limits exactly as for any other client; the caller's connection goes along, so the
 * audit log records their address.
 */
export function mountMcp(app: Hono, deps: ServerDeps) {
  const endpoint = new McpHttpEndpoint({
    apiBaseUrl: 'http://control-plane.internal',
    version: deps.version,
    maxBodyBytes: deps.config.MAX_BODY_BYTES,
    limits: {
      maxSessions: deps.config.MCP_MAX_SESSIONS,
      maxSessionsPerCompany: deps.config.MCP_MAX_SESSIONS_PER_COMPANY,
      maxSessionsPerKey: deps.config.MCP_MAX_SESSIONS_PER_KEY,
    },
  });
  app.all(MCP_PATH, (c) => endpoint.handle(c.req.raw, (request) => Promise.resolve(app.fetch(request, c.env))));
}
