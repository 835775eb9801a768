import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useAgentsQuery } from '../data/agents/agents-query.ts';
import { queryError } from '../data/query-error.ts';
import { useCreateTransferMutation } from '../data/transfers/create-transfer-mutation.ts';
import { useProjectEvents } from '../data/use-project-events.ts';
import { ErrorNotice, FormError, Loading, PageHeader } from '../ui/states.tsx';
import { useAction } from '../ui/use-action.ts';

const route = getRouteApi('/_signedIn/p/$projectId');

export default function NewTransferPage() {
  const { projectId } = route.useParams();
  const navigate = useNavigate();
  const agents = useAgentsQuery(projectId);
  const createTransfer = useCreateTransferMutation(projectId);
  useProjectEvents(projectId);
  const action = useAction();
  const [form, setForm] = useState({
    sourceAgentId: '',
    sourcePaths: '',
    destinationAgentId: '',
    destinationDir: '',
    overwrite: 'skip_identical' as 'skip_identical' | 'overwrite' | 'keep_both',
    symlinks: 'preserve' as 'preserve' | 'follow' | 'skip',
    bandwidthMbps: '',
    priority: 5,
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const sourcePaths = form.sourcePaths
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
    if (!form.sourceAgentId || !form.destinationAgentId)
      return action.setError('Choose a source and a destination agent.');
    if (sourcePaths.length === 0) return action.setError('Give at least one source path.');
    const bandwidth = Number(form.bandwidthMbps);
    const created = await action.run(() =>
      createTransfer.mutateAsync({
        sourceAgentId: form.sourceAgentId,
        sourcePaths,
        destinationAgentId: form.destinationAgentId,
        destinationDir: form.destinationDir.trim(),
        overwrite: form.overwrite,
        symlinks: form.symlinks,
        priority: form.priority,
        ...(bandwidth > 0 ? { bandwidthLimitBps: Math.round(bandwidth * 1_000_000) } : {}),
      }),
    );
    if (created)
      await navigate({ to: '/p/$projectId/transfers/$transferId', params: { projectId, transferId: created.id } });
  };

  const agentsError = queryError(agents.error);
  if (agentsError) return <ErrorNotice message={agentsError} onRetry={() => void agents.refetch()} />;
  if (!agents.data) return <Loading />;
  const active = agents.data.agents.filter((a) => a.status === 'active');
  const agentOptions = active.map((agent) => (
    <option key={agent.id} value={agent.id}>
      {agent.name}
      {agent.online ? '' : ' (offline)'}
    </option>
  ));
  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/p/$projectId/transfers" params={{ projectId }}>
          Transfers
        </Link>{' '}
        / new
      </p>
      <PageHeader title="New transfer" />
      {active.length < 2 && (
        <p className="notice">A transfer needs two approved agents in this project; this one has {active.length}.</p>
      )}
      <form className="card form-grid" onSubmit={submit}>
        <label>
          Source agent
          <select value={form.sourceAgentId} onChange={(e) => setForm({ ...form, sourceAgentId: e.target.value })}>
            <option value="">Choose…</option>
            {agentOptions}
          </select>
        </label>
        <label>
          Source paths <span className="hint">(one per line, relative to the agent's roots)</span>
          <textarea
            rows={3}
            value={form.sourcePaths}
            onChange={(e) => setForm({ ...form, sourcePaths: e.target.value })}
            placeholder="exports/2025-01"
          />
        </label>
        <label>
          Destination agent
          <select
            value={form.destinationAgentId}
            onChange={(e) => setForm({ ...form, destinationAgentId: e.target.value })}
          >
            <option value="">Choose…</option>
            {agentOptions}
          </select>
        </label>
        <label>
          Destination directory
          <input
            required
            value={form.destinationDir}
            onChange={(e) => setForm({ ...form, destinationDir: e.target.value })}
            placeholder="incoming"
          />
        </label>
        <label>
          When a file exists
          <select
            value={form.overwrite}
            onChange={(e) => setForm({ ...form, overwrite: e.target.value as typeof form.overwrite })}
          >
            <option value="skip_identical">Skip identical files, replace others</option>
            <option value="overwrite">Always overwrite</option>
            <option value="keep_both">Keep both</option>
          </select>
        </label>
        <label>
          Symlinks
          <select
            value={form.symlinks}
            onChange={(e) => setForm({ ...form, symlinks: e.target.value as typeof form.symlinks })}
          >
            <option value="preserve">Keep as links (those pointing inside the folder sent)</option>
            <option value="follow">Copy what they point to (never outside the agent's folders)</option>
            <option value="skip">Leave them out</option>
          </select>
        </label>
        <label>
          Bandwidth limit, Mbit/s <span className="hint">(empty: none)</span>
          <input
            type="number"
            min={0}
            step="any"
            value={form.bandwidthMbps}
            onChange={(e) => setForm({ ...form, bandwidthMbps: e.target.value })}
          />
        </label>
        <label>
          Priority <span className="hint">(0 low – 9 high)</span>
          <input
            type="number"
            min={0}
            max={9}
            value={form.priority}
            onChange={(e) => setForm({ ...form, priority: Number(e.target.value) })}
          />
        </label>
        <FormError message={action.error} />
        <div>
          <button type="submit" disabled={action.pending}>
            Start transfer
          </button>
        </div>
      </form>
    </section>
  );
}
