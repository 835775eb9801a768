import { QueryObserver } from '@tanstack/react-query';
import type { Session } from '@tcpa/contracts';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../../server/test/wait-until.ts';
import { TokenStore } from '../src/auth/token-store.ts';
import { followSession } from '../src/data/follow-session.ts';
import { memberKeys } from '../src/data/members/keys.ts';
import { createQueryClient } from '../src/data/query-client.ts';

const session = (userId: string, companyId: string, accessToken: string): Session => ({
  accessToken,
  expiresIn: 900,
  user: { id: userId, email: `${userId}@follow.test`, name: null, createdAt: '2026-01-01T00:00:00.000Z' },
  company: { id: companyId, name: `company ${companyId}`, role: 'owner', planId: 'free' },
});

/** What a company page shows is the session's company's: another company's never lingers in the cache. */
describe('the query cache follows the session', () => {
  it('keeps data across a token refresh, refetches what is open in another company, and empties on sign-out', async () => {
    const tokens = new TokenStore();
    const queryClient = createQueryClient();
    followSession(tokens, queryClient);
    tokens.set(session('ada', 'dash', 'token 1'));
    let fetches = 0;
    // A page showing the company's members: the answer names the company the session is in.
    const page = new QueryObserver(queryClient, {
      queryKey: memberKeys.list(),
      queryFn: async () => {
        fetches += 1;
        return { company: tokens.current?.company.id };
      },
    });
    const stop = page.subscribe(() => undefined);
    await waitUntil('the first answer', () => page.getCurrentResult().data?.company === 'dash');

    tokens.set(session('ada', 'dash', 'token 2'));
    expect(page.getCurrentResult().data?.company).toBe('dash');
    expect(fetches).toBe(1);

    tokens.set(session('ada', 'cy', 'token 3'));
    expect(page.getCurrentResult().data).toBeUndefined();
    await waitUntil('the other company’s answer', () => page.getCurrentResult().data?.company === 'cy');
    expect(fetches).toBe(2);

    stop();
    tokens.set(null);
    expect(queryClient.getQueryCache().getAll()).toEqual([]);
  });
});
