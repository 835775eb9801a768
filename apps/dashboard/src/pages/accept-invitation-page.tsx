import { type FormEvent, useState } from 'react';
import { useServices } from '../app/app-context.tsx';
import { Link, navigate } from '../ui/router.tsx';
import { ErrorNotice, FormError, Loading } from '../ui/states.tsx';
import { useAction, useAsync } from '../ui/use-async.ts';

/** Where an invitation link lands: a new person sets a password, an existing one confirms theirs. */
export function AcceptInvitationPage() {
  const { api, tokens } = useServices();
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const preview = useAsync(
    () =>
      token
        ? api.previewInvitation(token)
        : Promise.reject(new Error('This link has no invitation token in it: open the whole link you were sent.')),
    [token],
  );
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();

  if (preview.error) {
    return (
      <main className="auth-page">
        <div className="auth-card">
          <p className="brand">TCP Agent Platform</p>
          <h1>Invitation</h1>
          <ErrorNotice message={preview.error} />
          <p className="muted">
            <Link href="/login">Sign in</Link> or <Link href="/signup">create an account</Link>
          </p>
        </div>
      </main>
    );
  }
  if (!preview.data) return <Loading what="Opening the invitation" />;
  const invitation = preview.data;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!invitation.hasAccount && password.length < 10) {
      return action.setError('The password must be at least 10 characters.');
    }
    const session = await action.run(() =>
      api.acceptInvitation({ token, password, ...(name.trim() ? { name: name.trim() } : {}) }),
    );
    if (session) {
      tokens.set(session);
      navigate('/', { replace: true });
    }
  };

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-labelledby="invite-title">
        <p className="brand">TCP Agent Platform</p>
        <h1 id="invite-title">Join {invitation.companyName}</h1>
        <p>
          You are invited as <strong>{invitation.role}</strong> with the address <strong>{invitation.email}</strong>.
        </p>
        {!invitation.hasAccount && (
          <label>
            Your name
            <input autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
        )}
        <label>
          {invitation.hasAccount ? (
            'Your current password'
          ) : (
            <>
              Choose a password <span className="hint">(at least 10 characters)</span>
            </>
          )}
          <input
            type="password"
            autoComplete={invitation.hasAccount ? 'current-password' : 'new-password'}
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <FormError message={action.error} />
        <button type="submit" disabled={action.pending}>
          {action.pending ? 'Joining…' : `Join ${invitation.companyName}`}
        </button>
      </form>
    </main>
  );
}
