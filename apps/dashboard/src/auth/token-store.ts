import { type Session, SessionSchema } from '@tcpa/contracts';

const KEY = 'tcpa.session';

/** The session's tokens: in memory, mirrored to sessionStorage so a reload keeps you signed in. */
export class TokenStore {
  private session: Session | null;
  private listeners = new Set<(session: Session | null) => void>();

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null) {
    this.session = readStored(storage);
  }

  get current(): Session | null {
    return this.session;
  }

  set(session: Session | null) {
    this.session = session;
    if (session) this.storage?.setItem(KEY, JSON.stringify(session));
    else this.storage?.removeItem(KEY);
    for (const listener of this.listeners) listener(session);
  }

  subscribe(listener: (session: Session | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function readStored(storage: Pick<Storage, 'getItem'> | null): Session | null {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return null;
    const parsed = SessionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
