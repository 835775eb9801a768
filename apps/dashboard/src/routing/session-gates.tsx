import { Outlet, useRouter, useSearch } from '@tanstack/react-router';
import { lazy, Suspense, useLayoutEffect } from 'react';
import { useSession, useSessionResuming } from '../app/app-context.tsx';
import { Loading } from '../ui/states.tsx';

// Its own chunk: a visitor who is not signed in never downloads the shell or the charts.
const SignedInApp = lazy(() => import('../app/signed-in-app.tsx'));

/** The sign-in and sign-up pages: once signed in, go on to where the visitor was headed. */
export function SignedOutLayout() {
  const session = useSession();
  const resuming = useSessionResuming();
  const { next } = useSearch({ from: '/_signedOut' });
  if (resuming) return <Loading what="Signing you in" />;
  if (session) return <ReplaceWith path={next ?? '/'} />;
  return <Outlet />;
}

/** `next` is any path on this site (validated as one), not a typed route: the history takes it as it is. */
function ReplaceWith({ path }: { path: string }) {
  const router = useRouter();
  useLayoutEffect(() => router.history.replace(path), [router, path]);
  return <Loading />;
}

/**
 * To the sign-in page, to come back to this address. Once, on mount: read as it renders, the address
 * would already be the sign-in page's while that loads, and each render would send it there anew.
 */
function SignInFirst() {
  const router = useRouter();
  useLayoutEffect(() => {
    const { location } = router.state;
    // Already on the way there (a sign-out goes to the sign-in page itself): no address to come back to.
    if (router.matchRoutes(location).some((match) => match.routeId === '/_signedOut')) return;
    void router.navigate({ to: '/login', search: { next: location.href }, replace: true });
  }, [router]);
  return <Loading />;
}

/** Everything behind the sign-in: without a session, the sign-in page, then back here. */
export function SignedInLayout() {
  const session = useSession();
  const resuming = useSessionResuming();
  if (resuming) return <Loading what="Signing you in" />;
  if (!session) return <SignInFirst />;
  return (
    <Suspense fallback={<Loading what="Loading the dashboard" />}>
      <SignedInApp />
    </Suspense>
  );
}
