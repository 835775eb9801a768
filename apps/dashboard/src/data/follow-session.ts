import type { QueryClient } from '@tanstack/react-query';
import type { Session } from '@tcpa/contracts';
import type { TokenStore } from '../auth/token-store.ts';

const whoAndWhere = (session: Session | null) => (session ? `${session.user.id} ${session.company.id}` : null);

/**
 * The cache holds what one person sees in one company. Another company or person starts it afresh
 * (what is open refetches), signing out empties it; a refreshed token for the same one keeps it.
 */
export function followSession(tokens: TokenStore, queryClient: QueryClient): () => void {
  let current = whoAndWhere(tokens.current);
  return tokens.subscribe(() => {
    const next = whoAndWhere(tokens.current);
    if (next === current) return;
    current = next;
    if (next === null) queryClient.clear();
    else void queryClient.resetQueries();
  });
}
