import type { Session } from '@tcpa/contracts';

/**
 * The session as this tab holds it: in memory only. Its refresh token is in an httpOnly cookie the
 * page cannot read; a reload or a new tab trades that cookie for an access token
 * (`ApiClient.resumeSession`), so a script injected into the page cannot carry a session away.
 */
export class TokenStore {
  private session: Session | null = null;
  private stillResuming = true;
  private listeners = new Set<() => void>();

  get current(): Session | null {
    return this.session;
  }

  /** True until the page knows whether the cookie still holds a session: show loading, not the sign-in page. */
  get resuming(): boolean {
    return this.stillResuming;
  }

  set(session: Session | null) {
    this.session = session;
    this.stillResuming = false;
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
