import { getRouteApi, Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { useSession } from '../app/app-context.tsx';
import { useResendVerificationMutation, useVerifyEmailMutation } from '../data/session/email-verification-mutations.ts';
import { ErrorNotice, FormError, Loading } from '../ui/states.tsx';
import { useAction } from '../ui/use-action.ts';

const route = getRouteApi('/verify-email');

/** Where a verification link lands: it is followed once, on opening; a dead link offers a new one when signed in. */
export function VerifyEmailPage() {
  const token = route.useSearch({ select: (search) => search.token ?? '' });
  const session = useSession();
  const verify = useVerifyEmailMutation();
  const [outcome, setOutcome] = useState<{ email: string } | { error: string } | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    verify.mutateAsync(token).then(
      (verified) => setOutcome({ email: verified.email }),
      (failure) => setOutcome({ error: errorMessage(failure) }),
    );
  }, [token, verify]);

  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">TCP Agent Platform</p>
        <h1>Confirm your email address</h1>
        {!token ? (
          <ErrorNotice message="This link has no verification token in it: open the whole link from the email." />
        ) : !outcome ? (
          <Loading what="Confirming your address" />
        ) : 'email' in outcome ? (
          <p role="status">
            Thank you: <strong>{outcome.email}</strong> is verified.
          </p>
        ) : (
          <>
            <ErrorNotice message={outcome.error} />
            {session && <ResendButton />}
          </>
        )}
        <p className="muted">{session ? <Link to="/">Go to the dashboard</Link> : <Link to="/login">Sign in</Link>}</p>
      </div>
    </main>
  );
}

export function ResendButton({ className }: { className?: string }) {
  const resend = useResendVerificationMutation();
  const [sent, setSent] = useState<string | null>(null);
  const action = useAction();
  if (sent) return <span role="status">{sent}</span>;
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={action.pending}
        onClick={() =>
          void action.run(async () => {
            setSent((await resend.mutateAsync()).message);
          })
        }
      >
        {action.pending ? 'Sending…' : 'Resend'}
      </button>
      <FormError message={action.error} />
    </>
  );
}
