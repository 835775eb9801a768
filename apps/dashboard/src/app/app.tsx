import { lazy, Suspense, useEffect } from 'react';
import { AcceptInvitationPage } from '../pages/accept-invitation-page.tsx';
import { LoginPage } from '../pages/login-page.tsx';
import { SignupPage } from '../pages/signup-page.tsx';
import { navigate, usePath } from '../ui/router.tsx';
import { Loading } from '../ui/states.tsx';
import { useSession, useSessionResuming } from './app-context.tsx';

const SignedInApp = lazy(() => import('./signed-in-app.tsx'));

export function App() {
  const session = useSession();
  const resuming = useSessionResuming();
  const path = usePath();
  const publicPage = path === '/login' || path === '/signup';
  // An invitation link opens whoever is signed in here: the page joins as the signed-in account when
  // it is the invited one, offers to sign out when it is not, and to sign in or choose a password.
  const invitationPage = path === '/invite';

  useEffect(() => {
    if (resuming || invitationPage) return;
    if (!session && !publicPage) navigate(`/login?next=${encodeURIComponent(path)}`, { replace: true });
    if (session && publicPage) navigate(new URLSearchParams(location.search).get('next') ?? '/', { replace: true });
  }, [resuming, session, publicPage, invitationPage, path]);

  if (resuming) return <Loading what="Signing you in" />;
  if (invitationPage) return <AcceptInvitationPage />;
  if (!session) {
    if (path === '/signup') return <SignupPage />;
    return <LoginPage />;
  }
  if (publicPage) return <Loading />;
  return (
    <Suspense fallback={<Loading what="Loading the dashboard" />}>
      <SignedInApp />
    </Suspense>
  );
}
