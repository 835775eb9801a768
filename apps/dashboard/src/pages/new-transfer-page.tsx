import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { canInProject, useProject } from '../app/app-context.tsx';
import { useAgentsQuery } from '../data/agents/agents-query.ts';
import { queryError } from '../data/query-error.ts';
import { useStorageLocationsQuery } from '../data/storage/storage-locations-query.ts';
import { useCreateTransferMutation } from '../data/transfers/create-transfer-mutation.ts';
import { useProjectEvents } from '../data/use-project-events.ts';
import { approvedAgents, SidesAgentsNeeded } from '../files/approved-agents.tsx';
import { FiltersFields } from '../files/filters-fields.tsx';
import {
  DEFAULT_TRANSFER_OPTIONS,
  TransferOptionsFields,
  type TransferOptionsForm,
} from '../files/transfer-options-fields.tsx';
import { EMPTY_FILTERS_FORM, type FiltersForm, filtersFromForm } from '../jobs/filters-form.ts';
import { TransferSidesFields } from '../transfers/transfer-sides-fields.tsx';
import {
  EMPTY_TRANSFER_SIDES_FORM,
  type TransferSidesForm,
  transferSidesBody,
} from '../transfers/transfer-sides-form.ts';
import { ServerError } from '../ui/server-error.tsx';
import { ErrorNotice, FormError, Loading, PageHeader } from '../ui/states.tsx';
import { useAction } from '../ui/use-action.ts';

const route = getRouteApi('/_signedIn/p/$projectId');

export default function NewTransferPage() {
  const { projectId } = route.useParams();
  const navigate = useNavigate();
  const agents = useAgentsQuery(projectId);
  const mayReadStorage = canInProject(useProject(projectId), 'storage:read');
  const locations = useStorageLocationsQuery(projectId, mayReadStorage);
  const createTransfer = useCreateTransferMutation(projectId);
  useProjectEvents(projectId);
  const action = useAction();
  const [sides, setSides] = useState<TransferSidesForm>(EMPTY_TRANSFER_SIDES_FORM);
  const [filters, setFilters] = useState<FiltersForm>(EMPTY_FILTERS_FORM);
  const [form, setForm] = useState<TransferOptionsForm>(DEFAULT_TRANSFER_OPTIONS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = transferSidesBody(sides);
    if ('error' in built) return action.setError(built.error);
    const bandwidth = Number(form.bandwidthMbps);
    const created = await action.run(async () => {
      // A transfer takes a job's filters but "changed since the last run", which the form leaves out.
      const chosenFilters = filtersFromForm(filters);
      return createTransfer.mutateAsync({
        ...built.body,
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
      <SidesAgentsNeeded what="transfer" sides={sides} approved={active.length} />
      <ServerError error={locations.error} />
      <form className="card form-grid" onSubmit={submit}>
        <TransferSidesFields
          projectId={projectId}
          agents={active}
          locations={mayReadStorage ? (locations.data?.locations ?? []) : undefined}
          value={sides}
          onChange={setSides}
        />
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
