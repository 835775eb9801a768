import { createRouter, type ErrorComponentProps, useRouter } from '@tanstack/react-router';
import { errorMessage } from '../api/api-error.ts';
import { ErrorNotice, Loading } from '../ui/states.tsx';
import { routeTree } from './route-tree.tsx';
import { parseSearch, stringifySearch } from './search-params.ts';

/** A page that failed to load or render (a chunk missing after a deploy, say): say so and offer to retry. */
function RouteError({ error }: ErrorComponentProps) {
  const router = useRouter();
  return <ErrorNotice message={errorMessage(error)} onRetry={() => void router.invalidate()} />;
}

export function createAppRouter() {
  return createRouter({
    routeTree,
    parseSearch,
    stringifySearch,
    // Hovering a link fetches its page's chunk, so the click seldom waits for one.
    defaultPreload: 'intent',
    defaultPendingComponent: () => <Loading />,
    defaultErrorComponent: RouteError,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}
