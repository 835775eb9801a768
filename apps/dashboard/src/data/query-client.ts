import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '@tcpa/api-client';

/** A refusal (4xx) will be refused again; a dropped connection or a 5xx may pass on a second try. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/**
 * The dashboard's cache of server data. Live messages keep a project's data current and a realtime
 * reconnect refetches what was open, so navigating back within half a minute shows the cache without a
 * request, and a window regaining focus refetches nothing.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
