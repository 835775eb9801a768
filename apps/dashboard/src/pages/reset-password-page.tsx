import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useConfirmPasswordResetMutation } from '../data/session/password-reset-mutations.ts';
import { ErrorNotice, FormError } from '../ui/states.tsx';
import { useAction } from '../ui/use-action.ts';

const route = getRouteApi('/reset-password');

/** Where a reset link lands: the new password twice; then every session ends, and the person signs in. */
export function ResetPasswordPage() {
  const token = route.useSearch({ select: (search) => search.token ?? '' });
  const confirm = useConfirmPasswordResetMutation();
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < 10) return action.setError('The password must be at least 10 characters.');
    if (password !== repeated) return action.setError('The two passwords are not the same.');
    await action.run(async () => {
      await confirm.mutateAsync({ token, password });
      setDone(true);
    });
  };

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-labelledby="reset-title">
        <p className="brand">TCP Agent Platform</p>
        <h1 id="reset-title">Choose a new password</h1>
        {!token ? (
          <ErrorNotice message="This link has no reset token in it: open the whole link from the email." />
        ) : done ? (
          <>
            <p role="status">Your password is changed, and every session of your account is signed out.</p>
            <Link className="button" to="/login">
              Sign in
            </Link>
          </>
        ) : (
          <>
            <label>
              New password <span className="hint">(at least 10 characters)</span>
              <input
                type="password"
                autoComplete="new-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            <label>
              New password again
              <input
                type="password"
                autoComplete="new-password"
                required
                value={repeated}
                onChange={(e) => setRepeated(e.target.value)}
              />
            </label>
            <FormError message={action.error} />
            <button type="submit" disabled={action.pending}>
              {action.pending ? 'Saving…' : 'Set the new password'}
            </button>
          </>
        )}
        {!done && (
          <p className="muted">
            Link expired? <Link to="/forgot-password">Ask for a new one</Link>
          </p>
        )}
      </form>
    </main>
  );
}
