import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useCreateEnrolmentTokenMutation } from '../data/enrolment-tokens/create-enrolment-token-mutation.ts';
import { useEnrolmentTokensQuery } from '../data/enrolment-tokens/enrolment-tokens-query.ts';
import { queryError } from '../data/query-error.ts';
import { formatTime } from '../ui/format.ts';
import { CopyButton, FormError, PageHeader } from '../ui/states.tsx';
import { useAction } from '../ui/use-action.ts';

const EXPIRY = [
  { hours: 1, label: '1 hour' },
  { hours: 24, label: '1 day' },
  { hours: 24 * 7, label: '7 days' },
  { hours: 24 * 30, label: '30 days' },
  { hours: 24 * 90, label: '90 days' },
];

export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((tag) => tag.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

const route = getRouteApi('/_signedIn/p/$projectId');

export default function AddAgentPage() {
  const { projectId } = route.useParams();
  const [form, setForm] = useState({ name: '', reusable: false, preApproved: true, hours: 24, tags: '', root: '' });
  const [created, setCreated] = useState<{ installCommand: string; secret: string; reusable: boolean } | null>(null);
  const action = useAction();
  const tokens = useEnrolmentTokensQuery(projectId);
  const createToken = useCreateEnrolmentTokenMutation(projectId);
  const tokensError = queryError(tokens.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await action.run(() =>
      createToken.mutateAsync({
        ...(form.name.trim() ? { name: form.name.trim() } : {}),
        reusable: form.reusable,
        preApproved: form.preApproved,
        tags: parseTags(form.tags),
        expiresInHours: form.hours,
        root: form.root.trim(),
      }),
    );
    if (result) {
      setCreated({ installCommand: result.installCommand, secret: result.secret, reusable: result.token.reusable });
    }
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Add agent" />
      <p className="lede">
        Create an enrolment token, then run the install command on the machine (Node.js 20 or newer). The agent appears
        in{' '}
        <Link to="/p/$projectId/fleet" params={{ projectId }}>
          Fleet
        </Link>{' '}
        as soon as it connects.
      </p>
      <form className="card form-grid" onSubmit={submit}>
        <label>
          Transfer folder on the machine{' '}
          <span className="hint">
            (the only folder the agent may send from and write into; not the folder it is installed in)
          </span>
          <input
            required
            pattern="/.*"
            title="An absolute path on the machine, such as /srv/transfers"
            value={form.root}
            onChange={(e) => setForm({ ...form, root: e.target.value })}
            placeholder="/srv/transfers"
          />
        </label>
        <label>
          Name <span className="hint">(to recognise the token later)</span>
          <input
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            placeholder="e.g. web servers"
          />
        </label>
        <label>
          Expires after
          <select value={form.hours} onChange={(e) => setForm({ ...form, hours: Number(e.target.value) })}>
            {EXPIRY.map((option) => (
              <option key={option.hours} value={option.hours}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tags <span className="hint">(comma or space separated, given to every agent enrolled with it)</span>
          <input
            value={form.tags}
            onChange={(e) => setForm({ ...form, tags: e.target.value })}
            placeholder="eu, storage"
          />
        </label>
        <fieldset>
          <legend>Token use</legend>
          <label className="inline">
            <input
              type="radio"
              name="reusable"
              checked={!form.reusable}
              onChange={() => setForm({ ...form, reusable: false })}
            />
            One machine (one-off)
          </label>
          <label className="inline">
            <input
              type="radio"
              name="reusable"
              checked={form.reusable}
              onChange={() => setForm({ ...form, reusable: true })}
            />
            Many machines (reusable until it expires)
          </label>
        </fieldset>
        <label className="inline">
          <input
            type="checkbox"
            checked={form.preApproved}
            onChange={(e) => setForm({ ...form, preApproved: e.target.checked })}
          />
          Approve agents automatically (otherwise they wait as pending in Fleet)
        </label>
        <FormError message={action.error} />
        <div>
          <button type="submit" disabled={action.pending}>
            {action.pending ? 'Creating…' : 'Create install command'}
          </button>
        </div>
      </form>
      {created && (
        <section className="card secret-card" aria-label="Install command">
          <h2>Install command</h2>
          <p>
            Run this on the machine. It is shown only now: copy it before leaving the page
            {created.reusable ? '; it works for every machine until it expires.' : '; it works for one machine.'}
          </p>
          <pre className="command" data-testid="install-command">
            {created.installCommand}
          </pre>
          <CopyButton text={created.installCommand} label="Copy command" />
        </section>
      )}
      <h2>Enrolment tokens</h2>
      {tokensError && <FormError message={tokensError} />}
      {tokens.data && tokens.data.tokens.length === 0 && <p className="muted">None yet.</p>}
      {tokens.data && tokens.data.tokens.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Used</th>
                <th scope="col">Expires</th>
                <th scope="col">Tags</th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.tokens.map((token) => (
                <tr key={token.id}>
                  <td>
                    {token.name} <span className="sub">{token.prefix}…</span>
                  </td>
                  <td>
                    {token.reusable ? 'reusable' : 'one-off'}
                    {token.preApproved ? ', pre-approved' : ''}
                    {token.revokedAt ? ' (revoked)' : ''}
                  </td>
                  <td>{token.usedCount}</td>
                  <td>{formatTime(token.expiresAt)}</td>
                  <td>{token.tags.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
