import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useAgentsQuery } from '../data/agents/agents-query.ts';
import { queryError } from '../data/query-error.ts';
import { useCreateTransferMutation } from '../data/transfers/create-transfer-mutation.ts';
import { useProjectEvents } from '../data/use-project-events.ts';
import { FiltersFields } from '../files/filters-fields.tsx';
import { RouteFields } from '../files/route-fields.tsx';
import { EMPTY_ROUTE_FORM, pathLines, type RouteForm } from '../files/route-form.ts';
import { EMPTY_FILTERS_FORM, type FiltersForm, filtersFromForm } from '../jobs/filters-form.ts';
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
  const [paths, setPaths] = useState<RouteForm>(EMPTY_ROUTE_FORM);
  const [filters, setFilters] = useState<FiltersForm>(EMPTY_FILTERS_FORM);
  const [form, setForm] = useState({
    overwrite: 'skip_identical' as 'skip_identical' | 'overwrite' | 'keep_both',
    symlinks: 'preserve' as 'preserve' | 'follow' | 'skip',
    bandwidthMbps: '',
    priority: 5,
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const sourcePaths = pathLines(paths.sourcePaths);
    if (!paths.sourceAgentId || !paths.destinationAgentId)
      return action.setError('Choose a source and a destination agent.');
    if (sourcePaths.length === 0) return action.setError('Give at least one source path.');
    const bandwidth = Number(form.bandwidthMbps);
    const created = await action.run(async () => {
      // A transfer takes a job's filters but "changed since the last run", which the form leaves out.
      const chosenFilters = filtersFromForm(filters);
      return createTransfer.mutateAsync({
        sourceAgentId: paths.sourceAgentId,
        sourcePaths,
        destinationAgentId: paths.destinationAgentId,
        destinationDir: paths.destinationDir.trim(),
        overwrite: form.overwrite,
        symlinks: form.symlinks,
        priority: form.priority,
        ...(bandwidth > 0 ? { bandwidthLimitBps: Math.round(bandwidth * 1_000_000) } : {}),
        ...(chosenFilters ? { filters: chosenFilters } : {}),
      });
    });
    if (created)
      await navigate({ to: '/p/$projectId/transfers/$transferId', params: { projectId, transferId: created.id } });
  };

  const agentsError = queryError(agents.error);
  if (agentsError) return <ErrorNotice message={agentsError} onRetry={() => void agents.refetch()} />;
  if (!agents.data) return <Loading />;
  const active = agents.data.agents.filter((a) => a.status === 'active');
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
        <RouteFields projectId={projectId} agents={active} value={paths} onChange={setPaths} />
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
        <FiltersFields value={filters} onChange={setFilters} forJob={false} />
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
