import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useConfirmPasswordResetMutation } from '../data/session/password-reset-mutations.ts';
import { EMPTY_NEW_PASSWORD, NewPasswordFields, newPasswordProblem } from '../ui/new-password-fields.tsx';
import { ErrorNotice, FormError } from '../ui/states.tsx';
import { useAction } from '../ui/use-action.ts';

const route = getRouteApi('/reset-password');

/** Where a reset link lands: the new password twice; then every session ends, and the person signs in. */
export function ResetPasswordPage() {
  const token = route.useSearch({ select: (search) => search.token ?? '' });
  const confirm = useConfirmPasswordResetMutation();
  const [newPassword, setNewPassword] = useState(EMPTY_NEW_PASSWORD);
  const [done, setDone] = useState(false);
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = newPasswordProblem(newPassword);
    if (problem) return action.setError(problem);
    await action.run(async () => {
      await confirm.mutateAsync({ token, password: newPassword.password });
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
            <NewPasswordFields value={newPassword} onChange={setNewPassword} />
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
