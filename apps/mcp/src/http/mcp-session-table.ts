export interface McpSessionLimits {
  /** Sessions on this node, whoever opened them. */
  maxSessions: number;
  /** Sessions one API key may hold open. */
  maxSessionsPerKey: number;
  /** Sessions the keys of one company may hold open together. */
  maxSessionsPerCompany: number;
}

interface OwnedSession {
  keyId: string;
  companyId: string;
}

/**
 * Open MCP sessions, least recently used first (a Map keeps insertion order and every use moves
 * a session to the end). A session opened past a limit evicts the least recently used session of
 * that key, then of that company, then of the node, so one key cannot fill the table and lock
 * everyone else out; clients that vanish without closing their session are the ones that go.
 */
export class McpSessionTable<S extends OwnedSession> {
  private readonly sessions = new Map<string, S>();

  constructor(private readonly limits: McpSessionLimits) {}

  get size() {
    return this.sessions.size;
  }

  get(id: string): S | undefined {
    return this.sessions.get(id);
  }

  /** Marks the session as the most recently used one. */
  touch(id: string) {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    this.sessions.set(id, session);
  }

  /** Adds a session; returns the sessions evicted to make room, for the caller to close. */
  add(id: string, session: S): S[] {
    const evicted = [
      ...this.evictBeyond(this.limits.maxSessionsPerKey, (other) => other.keyId === session.keyId),
      ...this.evictBeyond(this.limits.maxSessionsPerCompany, (other) => other.companyId === session.companyId),
      ...this.evictBeyond(this.limits.maxSessions, () => true),
    ];
    this.sessions.set(id, session);
    return evicted;
  }

  delete(id: string) {
    this.sessions.delete(id);
  }

  /** Removes and returns the sessions unused since `before` (ms since the epoch). */
  removeIdle(lastUsedOf: (session: S) => number, before: number): S[] {
    const idle: S[] = [];
    for (const [id, session] of this.sessions) {
      if (lastUsedOf(session) >= before) break; // the rest were used more recently
      this.sessions.delete(id);
      idle.push(session);
    }
    return idle;
  }

  /** Leaves room for one more matching session: removes the least recently used beyond `limit − 1`. */
  private evictBeyond(limit: number, matches: (session: S) => boolean): S[] {
    let count = 0;
    for (const session of this.sessions.values()) if (matches(session)) count++;
    const evicted: S[] = [];
    for (const [id, session] of this.sessions) {
      if (count < limit) break;
      if (!matches(session)) continue;
      this.sessions.delete(id);
      evicted.push(session);
      count--;
    }
    return evicted;
  }
}
