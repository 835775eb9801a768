import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { canInProject, useProject } from '../app/app-context.tsx';
import { useAgentsQuery } from '../data/agents/agents-query.ts';
import { useDeleteJobMutation } from '../data/jobs/delete-job-mutation.ts';
import { useJobQuery } from '../data/jobs/job-query.ts';
import { usePreviewJobMutation } from '../data/jobs/preview-job-mutation.ts';
import { useRunJobMutation } from '../data/jobs/run-job-mutation.ts';
import { queryError } from '../data/query-error.ts';
import { useStorageLocationsQuery } from '../data/storage/storage-locations-query.ts';
import { useProjectEvents } from '../data/use-project-events.ts';
import { EnableSwitch } from '../jobs/enable-switch.tsx';
import { JobSettings } from '../jobs/job-settings.tsx';
import { betweenAgents } from '../jobs/job-sides.ts';
import { PreviewPanel } from '../jobs/preview-panel.tsx';
import { RunsTable } from '../jobs/runs-table.tsx';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { ErrorNotice, FormError, Loading, PageHeader } from '../ui/states.tsx';
import { useAction } from '../ui/use-action.ts';

const route = getRouteApi('/_signedIn/p/$projectId/jobs/$jobId');

export default function JobPage() {
  const { projectId, jobId } = route.useParams();
  const navigate = useNavigate();
  const job = useJobQuery(projectId, jobId);
  const agents = useAgentsQuery(projectId);
  const mayReadStorage = canInProject(useProject(projectId), 'storage:read');
  const locations = useStorageLocationsQuery(projectId, mayReadStorage);
  const runJob = useRunJobMutation(projectId);
  const previewJob = usePreviewJobMutation(projectId);
  const deleteJob = useDeleteJobMutation(projectId);
  useProjectEvents(projectId);
  const action = useAction();
  const mayWrite = canInProject(useProject(projectId), 'jobs:write');

  const error = queryError(job.error);
  if (error) return <ErrorNotice message={error} onRetry={() => void job.refetch()} />;
  if (!job.data) return <Loading />;
  const agentName = (id: string) => agents.data?.agents.find((a) => a.id === id)?.name ?? id.slice(0, 8);
  const remove = async () => {
    const done = await action.run(() => deleteJob.mutateAsync(jobId));
    if (done !== undefined) await navigate({ to: '/p/$projectId/jobs', params: { projectId } });
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/p/$projectId/jobs" params={{ projectId }}>
          Jobs
        </Link>{' '}
        / {job.data.name}
      </p>
      <PageHeader title={job.data.name}>
        {mayWrite && (
          <>
            <EnableSwitch projectId={projectId} job={job.data} />
            <button
              type="button"
              disabled={action.pending}
              onClick={() => void action.run(() => runJob.mutateAsync(jobId))}
            >
              Run now
            </button>
            {betweenAgents(job.data) && (
              <button
                type="button"
                className="secondary"
                disabled={previewJob.isPending}
                onClick={() => void action.run(() => previewJob.mutateAsync(jobId))}
              >
                {previewJob.isPending ? 'Asking the agents…' : 'Preview'}
              </button>
            )}
            <Link className="button secondary" to="/p/$projectId/jobs/$jobId/edit" params={{ projectId, jobId }}>
              Edit
            </Link>
            <ConfirmButton
              className="danger secondary"
              question={`Delete the job "${job.data.name}"? Its runs and their transfers stay in the history.`}
              onConfirmed={() => void remove()}
            >
              Delete
            </ConfirmButton>
          </>
        )}
      </PageHeader>
      <FormError message={action.error} />
      <JobSettings job={job.data} agentName={agentName} locations={locations.data?.locations} />
      {previewJob.data && <PreviewPanel preview={previewJob.data} />}
      <h2>Runs</h2>
      <RunsTable projectId={projectId} jobId={jobId} />
    </section>
  );
}
