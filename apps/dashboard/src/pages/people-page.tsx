import { type CompanyRole, CompanyRoleSchema } from '@tcpa/contracts';
import { type FormEvent, useState } from 'react';
import { can, useWorkspace } from '../app/app-context.tsx';
import { useCreateInvitationMutation } from '../data/invitations/create-invitation-mutation.ts';
import { useInvitationsQuery } from '../data/invitations/invitations-query.ts';
import { useRevokeInvitationMutation } from '../data/invitations/revoke-invitation-mutation.ts';
import { useChangeMemberRoleMutation } from '../data/members/change-member-role-mutation.ts';
import { useMembersQuery } from '../data/members/members-query.ts';
import { useRemoveMemberMutation } from '../data/members/remove-member-mutation.ts';
import { queryError } from '../data/query-error.ts';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { formatTime } from '../ui/format.ts';
import { RolePicker } from '../ui/role-picker.tsx';
import { CopyButton, ErrorNotice, FormError, Loading, PageHeader } from '../ui/states.tsx';
import { useAction } from '../ui/use-action.ts';

export default function PeoplePage() {
  const { me } = useWorkspace();
  const members = useMembersQuery();
  const invitations = useInvitationsQuery();
  const createInvitation = useCreateInvitationMutation();
  const revokeInvitation = useRevokeInvitationMutation();
  const changeRole = useChangeMemberRoleMutation();
  const removeMember = useRemoveMemberMutation();
  const membersError = queryError(members.error);
  const invitationsError = queryError(invitations.error);
  const [invite, setInvite] = useState({ email: '', role: 'member' as CompanyRole });
  const [sent, setSent] = useState<{ link: string; email: string; emailed: boolean } | null>(null);
  const action = useAction();
  const canWrite = can(me, 'members:write');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await action.run(() => createInvitation.mutateAsync(invite));
    if (created) {
      setSent({ link: created.link, email: invite.email, emailed: created.emailed });
      setInvite({ email: '', role: invite.role });
    }
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="People" />
      {canWrite && (
        <form className="card inline-form" onSubmit={submit}>
          <label>
            Invite by email
            <input
              type="email"
              required
              value={invite.email}
              onChange={(e) => setInvite({ ...invite, email: e.target.value })}
            />
          </label>
          <RolePicker
            label="Role"
            roles={CompanyRoleSchema.options}
            value={invite.role}
            onChange={(role) => setInvite({ ...invite, role })}
          />
          <button type="submit" disabled={action.pending}>
            Invite
          </button>
        </form>
      )}
      <FormError message={action.error} />
      {sent && (
        <section className="card secret-card" aria-label="Invitation link">
          <p>
            {sent.emailed
              ? `An invitation is on its way to ${sent.email}. You can also send them this link yourself (it is shown once):`
              : 'This server sends no email (SMTP_URL is not set): send this link to the person yourself (it is shown once):'}
          </p>
          <pre className="command">{sent.link}</pre>
          <CopyButton text={sent.link} label="Copy link" />
        </section>
      )}
      <h2>Members</h2>
      {members.isFetching && <Loading />}
      {membersError && <ErrorNotice message={membersError} onRetry={() => void members.refetch()} />}
      {members.data && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.data.members.map((member) => (
                <tr key={member.userId}>
                  <td>
                    {member.name ?? member.email}
                    <span className="sub">{member.email}</span>
                  </td>
                  <td>
                    {canWrite && member.userId !== me.user.id ? (
                      <RolePicker
                        label={`Role of ${member.email}`}
                        hideLabel
                        roles={CompanyRoleSchema.options}
                        value={member.role}
                        onChange={(role) =>
                          void action.run(() => changeRole.mutateAsync({ userId: member.userId, role }))
                        }
                      />
                    ) : (
                      member.role
                    )}
                  </td>
                  <td>{formatTime(member.joinedAt)}</td>
                  <td className="actions-cell">
                    {canWrite && member.userId !== me.user.id && (
                      <ConfirmButton
                        className="danger secondary small"
                        question={`Remove ${member.email} from the company?`}
                        onConfirmed={() => void action.run(() => removeMember.mutateAsync(member.userId))}
                      >
                        Remove
                      </ConfirmButton>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Invitations</h2>
      {invitationsError && <FormError message={invitationsError} />}
      {invitations.data && invitations.data.invitations.length === 0 && <p className="muted">No invitations.</p>}
      {invitations.data && invitations.data.invitations.length > 0 && (
        <ul className="plain-list">
          {invitations.data.invitations.map((inv) => (
            <li key={inv.id}>
              {inv.email} <span className="badge">{inv.role}</span>
              <span className="muted">
                {inv.acceptedAt ? 'accepted' : inv.revokedAt ? 'revoked' : `expires ${formatTime(inv.expiresAt)}`}
              </span>
              {canWrite && !inv.acceptedAt && !inv.revokedAt && (
                <button
                  type="button"
                  className="danger secondary small"
                  onClick={() => void action.run(() => revokeInvitation.mutateAsync(inv.id))}
                >
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
