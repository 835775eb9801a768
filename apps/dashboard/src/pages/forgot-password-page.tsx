import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useRequestPasswordResetMutation } from '../data/session/password-reset-mutations.ts';
import { FormError } from '../ui/states.tsx';
import { useAction } from '../ui/use-action.ts';

export function ForgotPasswordPage() {
  const request = useRequestPasswordResetMutation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await action.run(() => request.mutateAsync(email));
    if (answer) setSent(answer.message);
  };

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-labelledby="forgot-title">
        <p className="brand">TCP Agent Platform</p>
        <h1 id="forgot-title">Reset your password</h1>
        {sent ? (
          <p role="status">{sent}</p>
        ) : (
          <>
            <p className="muted">Enter the email address of your account, and we will email you a link.</p>
            <label>
              Email
              <input
                type="email"
                autoComplete="email"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </label>
            <FormError message={action.error} />
            <button type="submit" disabled={action.pending}>
              {action.pending ? 'Sending…' : 'Email me a link'}
            </button>
          </>
        )}
        <p className="muted">
          <Link to="/login">Back to sign in</Link>
        </p>
      </form>
    </main>
  );
}
