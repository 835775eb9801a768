import { createPlatformClient, type PlatformClient } from '@tcpa/api-client';
import { SESSION_COOKIE_HEADER, SESSION_COOKIE_HEADER_VALUE, SessionSchema } from '@tcpa/contracts';
import type { TokenStore } from '../auth/token-store.ts';
import { offlineError } from './api-error.ts';

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: (request: Request) => Promise<Response>;
  tokens: TokenStore;
  /** Called when the session cannot be refreshed: send the person to the sign-in page. */
  onSessionEnded?: () => void;
}

/**
 * The platform's typed API (`@tcpa/api-client`) with this tab's session: `api` sends the access
 * token, and a 401 triggers one refresh from the session cookie (shared by concurrent requests),
 * then one retry. `publicApi` (sign-up, sign-in, invitations) sends no token and never refreshes.
 */
export class ApiClient {
  readonly api: PlatformClient;
  readonly publicApi: PlatformClient;
  private refreshing: Promise<boolean> | null = null;
  private readonly fetchImpl: (request: Request) => Promise<Response>;
  private readonly baseUrl: string;

  constructor(private readonly options: ApiClientOptions) {
    this.fetchImpl = options.fetch ?? ((request) => fetch(request));
    this.baseUrl = options.baseUrl ?? globalThis.location?.origin ?? '';
    this.api = createPlatformClient({ baseUrl: this.baseUrl, fetch: (request) => this.sendSignedIn(request) });
    this.publicApi = createPlatformClient({ baseUrl: this.baseUrl, fetch: (request) => this.send(request) });
  }

  get tokens(): TokenStore {
    return this.options.tokens;
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
          const response = await this.send(
            new Request(`${this.baseUrl}/api/v1/auth/refresh`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{}',
            }),
          );
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

  private async sendSignedIn(request: Request): Promise<Response> {
    const accessToken = this.tokens.current?.accessToken;
    // Kept for the retry: a body can be read once.
    const retry = request.clone();
    const response = await this.send(request, accessToken);
    if (response.status !== 401 || !accessToken) return response;
    if (!(await this.refreshSession(accessToken))) {
      this.endSession();
      return response;
    }
    const retried = await this.send(retry, this.tokens.current?.accessToken);
    if (retried.status === 401) this.endSession();
    return retried;
  }

  private endSession() {
    this.tokens.set(null);
    this.options.onSessionEnded?.();
  }

  private async send(request: Request, accessToken?: string): Promise<Response> {
    // Session answers put the refresh token into the httpOnly cookie instead of the body.
    request.headers.set(SESSION_COOKIE_HEADER, SESSION_COOKIE_HEADER_VALUE);
    if (accessToken) request.headers.set('authorization', `Bearer ${accessToken}`);
    try {
      return await this.fetchImpl(request);
    } catch {
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
