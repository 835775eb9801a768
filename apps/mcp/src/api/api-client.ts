import type { z } from 'zod';
import { ApiError } from './api-error.ts';

/** Sends one request to the platform: `fetch` over the network, or the control plane's own app in process. */
export type ApiFetch = (request: Request) => Promise<Response>;

type Query = Record<string, string | number | boolean | undefined>;

export interface ApiClientOptions {
  /** Base of the platform, e.g. `https://tcpa.example.com`. */
  baseUrl: string;
  /** A `tcpa_…` API key: every call is bounded by its scopes and projects. */
  apiKey: string;
  fetch?: ApiFetch;
  userAgent?: string;
}

/**
 * A small typed client of the platform's public REST API. The MCP server does everything
 * through it, so scopes, project limits, row-level security and plan limits are enforced by
 * the API routes, in one place.
 */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly send: ApiFetch;

  constructor(private readonly options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.send = options.fetch ?? ((request) => fetch(request));
  }

  get<S extends z.ZodType>(path: string, schema: S, query: Query = {}): Promise<z.output<S>> {
    return this.call('GET', path, schema, { query });
  }

  post<S extends z.ZodType>(path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    return this.call('POST', path, schema, { body });
  }

  private async call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    { query = {}, body }: { query?: Query; body?: unknown },
  ): Promise<z.output<S>> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.apiKey}`,
      accept: 'application/json',
      'user-agent': this.options.userAgent ?? 'tcpa-mcp',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.send(
        new Request(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }),
      );
    } catch (error) {
      throw new ApiError(
        0,
        'unreachable',
        `Cannot reach the platform at ${this.baseUrl}: ${(error as Error).message}. Check the server URL and that it is running.`,
      );
    }
    if (!response.ok) throw await ApiError.fromResponse(response);
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success) {
      throw new ApiError(
        response.status,
        'bad_response',
        `Unexpected answer from ${method} ${path}: ${parsed.error.message}`,
      );
    }
    return parsed.data;
  }
}
