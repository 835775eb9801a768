import { createPlatformClient, type PlatformClient } from '@tcpa/api-client';

/** Sends one request to the platform: `fetch` over the network, or the control plane's own app in process. */
export type ApiFetch = (request: Request) => Promise<Response>;

export interface McpApiOptions {
  /** Base of the platform, e.g. `https://tcpa.example.com`. */
  baseUrl: string;
  /** A `tcpa_…` API key: every call is bounded by its scopes and projects. */
  apiKey: string;
  fetch?: ApiFetch;
  userAgent?: string;
}

/**
 * The platform's public REST API as an API key sees it. The MCP server does everything through
 * it, so scopes, project limits, row-level security and plan limits are enforced by the API
 * routes, in one place.
 */
export function createMcpApi({ baseUrl, apiKey, fetch, userAgent }: McpApiOptions): PlatformClient {
  return createPlatformClient({
    baseUrl,
    ...(fetch ? { fetch } : {}),
    headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json', 'user-agent': userAgent ?? 'tcpa-mcp' },
  });
}
