import type { Session } from '@tcpa/contracts';

const SIGNED_IN_KEY = 'tcpa.signedIn';

/**
 * The session as this tab holds it: in memory only. Its refresh token is in an httpOnly cookie the
 * page cannot read; a reload or a new tab trades that cookie for an access token
 * (`ApiClient.resumeSession`), so a script injected into the page cannot carry a session away.
 */
export class TokenStore {
  private session: Session | null = null;
  private stillResuming = true;
  private listeners = new Set<() => void>();

  /** `hints`: localStorage, where a flag (no token) says whether this browser signed in and has not signed out. */
  constructor(private readonly hints: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = null) {}

  get current(): Session | null {
    return this.session;
  }

  /** True until the page knows whether the cookie still holds a session: show loading, not the sign-in page. */
  get resuming(): boolean {
    return this.stillResuming;
  }

  /**
   * Whether the cookie may hold a session, so a load asks for it: not on a first visit or after a
   * sign-out, where the refused refresh would only log a 401 in the console.
   */
  get maySignInFromCookie(): boolean {
    return this.hints ? this.hints.getItem(SIGNED_IN_KEY) === 'yes' : true;
  }

  set(session: Session | null) {
    this.session = session;
    if (session) this.hints?.setItem(SIGNED_IN_KEY, 'yes');
    else this.hints?.removeItem(SIGNED_IN_KEY);
    this.stillResuming = false;
    for (const listener of this.listeners) listener();
  }

  /**
   * Another tab signed out (the flag went): this one drops its session too, so it goes to the
   * sign-in page instead of sending requests the server now refuses.
   */
  followSignOutsIn(target: Pick<Window, 'addEventListener'>) {
    target.addEventListener('storage', (event: StorageEvent) => {
      if ((event.key === SIGNED_IN_KEY || event.key === null) && event.newValue !== 'yes' && this.session) {
        this.set(null);
      }
    });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
