import { type CompanyRole, CompanyRoleSchema } from '@tcpa/contracts';
import { type FormEvent, useState } from 'react';
import { can, useServices, useWorkspace } from '../app/app-context.tsx';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { formatTime } from '../ui/format.ts';
import { RolePicker } from '../ui/role-picker.tsx';
import { CopyButton, ErrorNotice, FormError, Loading, PageHeader } from '../ui/states.tsx';
import { useAction, useAsync } from '../ui/use-async.ts';

export default function PeoplePage() {
  const { api } = useServices();
  const { me } = useWorkspace();
  const members = useAsync(() => api.listMembers(), []);
  const invitations = useAsync(() => api.listInvitations(), []);
  const [invite, setInvite] = useState({ email: '', role: 'member' as CompanyRole });
  const [link, setLink] = useState<string | null>(null);
  const action = useAction();
  const canWrite = can(me, 'members:write');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await action.run(() => api.invite(invite.email, invite.role));
    if (created) {
      setLink(created.link);
      setInvite({ email: '', role: invite.role });
      invitations.reload();
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
      {link && (
        <section className="card secret-card" aria-label="Invitation link">
          <p>Send this link to the person (it is shown once; email delivery comes later):</p>
          <pre className="command">{link}</pre>
          <CopyButton text={link} label="Copy link" />
        </section>
      )}
      <h2>Members</h2>
      {members.loading && <Loading />}
      {members.error && <ErrorNotice message={members.error} onRetry={members.reload} />}
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
                          void action.run(async () => {
                            const result = await api.changeMemberRole(member.userId, role);
                            members.setData(() => result);
                          })
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
                        onConfirmed={() =>
                          void action.run(async () => {
                            await api.removeMember(member.userId);
                            members.reload();
                          })
                        }
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
      {invitations.error && <FormError message={invitations.error} />}
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
                  onClick={() =>
                    void action.run(async () => {
                      await api.revokeInvitation(inv.id);
                      invitations.reload();
                    })
                  }
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
