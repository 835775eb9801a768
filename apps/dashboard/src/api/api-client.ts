import { SESSION_COOKIE_HEADER, SESSION_COOKIE_HEADER_VALUE, SessionSchema } from '@tcpa/contracts';
import type { z } from 'zod';
import type { TokenStore } from '../auth/token-store.ts';
import { ApiError, offlineError, toApiError, unexpectedResponseError } from './api-error.ts';

export interface RequestOptions<S extends z.ZodType | null> {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** The response schema; null for 204 answers. */
  schema: S;
  /** Public endpoints (sign-in) never send or refresh a token. */
  anonymous?: boolean;
}

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  tokens: TokenStore;
  /** Called when the session cannot be refreshed: send the person to the sign-in page. */
  onSessionEnded?: () => void;
}

/**
 * fetch with the contracts' schemas: answers are parsed, errors become ApiError with the
 * server's words. A 401 triggers one refresh (shared by concurrent requests), then one retry.
 */
export class ApiClient {
  private refreshing: Promise<boolean> | null = null;
  private readonly fetchImpl: typeof fetch;
  private readonly baseUrl: string;

  constructor(private readonly options: ApiClientOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.baseUrl = options.baseUrl ?? '';
  }

  get tokens(): TokenStore {
    return this.options.tokens;
  }

  async request<S extends z.ZodType | null>(
    method: string,
    path: string,
    options: RequestOptions<S>,
  ): Promise<S extends z.ZodType ? z.infer<S> : undefined> {
    const accessToken = options.anonymous ? undefined : this.tokens.current?.accessToken;
    let response = await this.send(method, path, options, accessToken);
    if (response.status === 401 && !options.anonymous && this.tokens.current) {
      const refreshed = await this.refreshSession(accessToken);
      if (!refreshed) {
        this.endSession();
        throw await toApiError(response);
      }
      response = await this.send(method, path, options, this.tokens.current?.accessToken);
      if (response.status === 401) {
        this.endSession();
        throw await toApiError(response);
      }
    }
    if (!response.ok) throw await toApiError(response);
    if (options.schema === null || response.status === 204) return undefined as never;
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw unexpectedResponseError(path);
    }
    const parsed = options.schema.safeParse(json);
    if (!parsed.success) throw unexpectedResponseError(path);
    return parsed.data as never;
  }

  /**
   * Trades the session cookie for a new access token (the server rotates the cookie). Concurrent
   * callers share one refresh; one already done by another caller is reused.
   */
  refreshSession(staleAccessToken?: string): Promise<boolean> {
    const current = this.tokens.current;
    if (staleAccessToken && current && current.accessToken !== staleAccessToken) return Promise.resolve(true);
    // Signed out in another tab: the cookie is gone or about to be.
    if (!this.tokens.maySignInFromCookie) return Promise.resolve(false);
    this.refreshing ??= (async () => {
      try {
        return await oneTabAtATime(async () => {
          const response = await this.send('POST', '/api/v1/auth/refresh', { body: {} });
          if (!response.ok) return false;
          const parsed = SessionSchema.safeParse(await response.json());
          if (!parsed.success) return false;
          this.tokens.set(parsed.data);
          return true;
        });
      } catch {
        return false;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /** On page load: the session the cookie still holds (a reload, a new tab), or none. */
  async resumeSession(): Promise<void> {
    if (!(await this.refreshSession())) this.tokens.set(null);
  }

  private endSession() {
    this.tokens.set(null);
    this.options.onSessionEnded?.();
  }

  private async send(
    method: string,
    path: string,
    options: { body?: unknown; query?: Record<string, string | number | undefined> },
    accessToken?: string,
  ): Promise<Response> {
    const query = Object.entries(options.query ?? {}).filter(
      (entry): entry is [string, string | number] => entry[1] !== undefined,
    );
    const search = query.length ? `?${new URLSearchParams(query.map(([k, v]) => [k, String(v)]))}` : '';
    // Session answers put the refresh token into the httpOnly cookie instead of the body.
    const headers: Record<string, string> = { [SESSION_COOKIE_HEADER]: SESSION_COOKIE_HEADER_VALUE };
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await this.fetchImpl(`${this.baseUrl}${path}${search}`, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw offlineError();
    }
  }
}

/**
 * Refreshes from all tabs of this origin take turns: two tabs spending the same cookie at once (two
 * opened together) would look like a replayed token, which signs the session out everywhere. The
 * next tab's refresh then sends the cookie the first one rotated to. Web Locks exist in secure
 * contexts only; elsewhere refreshes go straight through.
 */
async function oneTabAtATime<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? await locks.request('tcpa-session-refresh', work) : work();
}
