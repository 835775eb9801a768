import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useAgentsQuery } from '../data/agents/agents-query.ts';
import { queryError } from '../data/query-error.ts';
import { useCreateTransferMutation } from '../data/transfers/create-transfer-mutation.ts';
import { useProjectEvents } from '../data/use-project-events.ts';
import { approvedAgents, TwoAgentsNeeded } from '../files/approved-agents.tsx';
import { FiltersFields } from '../files/filters-fields.tsx';
import { RouteFields } from '../files/route-fields.tsx';
import { EMPTY_ROUTE_FORM, pathLines, type RouteForm } from '../files/route-form.ts';
import {
  DEFAULT_TRANSFER_OPTIONS,
  TransferOptionsFields,
  type TransferOptionsForm,
} from '../files/transfer-options-fields.tsx';
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
  const [form, setForm] = useState<TransferOptionsForm>(DEFAULT_TRANSFER_OPTIONS);

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
  const active = approvedAgents(agents.data.agents);
  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/p/$projectId/transfers" params={{ projectId }}>
          Transfers
        </Link>{' '}
        / new
      </p>
      <PageHeader title="New transfer" />
      <TwoAgentsNeeded what="transfer" approved={active.length} />
      <form className="card form-grid" onSubmit={submit}>
        <RouteFields projectId={projectId} agents={active} value={paths} onChange={setPaths} />
        <TransferOptionsFields value={form} onChange={(change) => setForm({ ...form, ...change })} />
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
