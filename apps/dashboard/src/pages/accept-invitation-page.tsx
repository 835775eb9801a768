import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import type { InvitationPreview, Session } from '@tcpa/contracts';
import { type FormEvent, useState } from 'react';
import { useServices, useSession } from '../app/app-context.tsx';
import { useAcceptInvitationMutation } from '../data/invitations/accept-invitation-mutation.ts';
import { useInvitationPreviewQuery } from '../data/invitations/invitation-preview-query.ts';
import { useJoinInvitationMutation } from '../data/invitations/join-invitation-mutation.ts';
import { queryError } from '../data/query-error.ts';
import { useLogoutMutation } from '../data/session/logout-mutation.ts';
import { EMPTY_NEW_PASSWORD, NewPasswordFields, newPasswordProblem } from '../ui/new-password-fields.tsx';
import { ErrorNotice, FormError, Loading } from '../ui/states.tsx';
import { useAction } from '../ui/use-action.ts';

const route = getRouteApi('/invite');

/**
 * Where an invitation link lands. The server does not say whether the address has an account, so
 * the page offers both: sign in to accept (and come back here), or choose a password as a new
 * person. Signed in as the invited address, one click joins.
 */
export function AcceptInvitationPage() {
  const session = useSession();
  const token = route.useSearch({ select: (search) => search.token ?? '' });
  const preview = useInvitationPreviewQuery(token);
  const error = token
    ? queryError(preview.error)
    : 'This link has no invitation token in it: open the whole link you were sent.';

  if (error) {
    return (
      <main className="auth-page">
        <div className="auth-card">
          <p className="brand">TCP Agent Platform</p>
          <h1>Invitation</h1>
          <ErrorNotice message={error} />
          <p className="muted">
            <Link to="/login">Sign in</Link> or <Link to="/signup">create an account</Link>
          </p>
        </div>
      </main>
    );
  }
  if (!preview.data) return <Loading what="Opening the invitation" />;
  const invitation = preview.data;

  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">TCP Agent Platform</p>
        <h1>Join {invitation.companyName}</h1>
        <p>
          You are invited as <strong>{invitation.role}</strong> with the address <strong>{invitation.email}</strong>.
        </p>
        {session ? (
          <JoinAsSignedIn token={token} invitation={invitation} session={session} />
        ) : (
          <>
            <section aria-labelledby="invite-existing" className="auth-choice">
              <h2 id="invite-existing">Already have an account with this address?</h2>
              <Link className="button" to="/login" search={{ next: `/invite?token=${encodeURIComponent(token)}` }}>
                Sign in to accept
              </Link>
            </section>
            <NewPersonForm token={token} invitation={invitation} />
          </>
        )}
      </div>
    </main>
  );
}

function JoinAsSignedIn(props: { token: string; invitation: InvitationPreview; session: Session }) {
  const { tokens } = useServices();
  const logout = useLogoutMutation();
  const join = useJoinInvitationMutation();
  const action = useAction();
  const navigate = useNavigate();
  const { invitation, session } = props;
  const signedInAs = session.user.email;

  if (signedInAs.toLowerCase() !== invitation.email.toLowerCase()) {
    const signOut = async () => {
      await action.run(() => logout.mutateAsync());
      tokens.set(null);
    };
    return (
      <>
        <p role="status">
          You are signed in as <strong>{signedInAs}</strong>. Sign out to accept as {invitation.email}.
        </p>
        <button type="button" className="secondary" onClick={() => void signOut()} disabled={action.pending}>
          Sign out
        </button>
      </>
    );
  }

  const joinCompany = async () => {
    const joined = await action.run(() => join.mutateAsync(props.token));
    if (joined) await navigate({ to: '/', replace: true });
  };
  return (
    <>
      <p>
        You are signed in as <strong>{signedInAs}</strong>.
      </p>
      <FormError message={action.error} />
      <button type="button" onClick={() => void joinCompany()} disabled={action.pending}>
        {action.pending ? 'Joining…' : `Join ${invitation.companyName}`}
      </button>
    </>
  );
}

function NewPersonForm(props: { token: string; invitation: InvitationPreview }) {
  const accept = useAcceptInvitationMutation();
  const [name, setName] = useState('');
  const [newPassword, setNewPassword] = useState(EMPTY_NEW_PASSWORD);
  const action = useAction();
  const navigate = useNavigate();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = newPasswordProblem(newPassword);
    if (problem) return action.setError(problem);
    const session = await action.run(() =>
      accept.mutateAsync({
        token: props.token,
        password: newPassword.password,
        ...(name.trim() ? { name: name.trim() } : {}),
      }),
    );
    if (session) await navigate({ to: '/', replace: true });
  };

  return (
    <form className="auth-choice" onSubmit={submit} aria-labelledby="invite-new">
      <h2 id="invite-new">New here?</h2>
      <label>
        Your name
        <input autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <NewPasswordFields value={newPassword} onChange={setNewPassword} />
      <FormError message={action.error} />
      <button type="submit" disabled={action.pending}>
        {action.pending ? 'Joining…' : `Join ${props.invitation.companyName}`}
      </button>
    </form>
  );
}
