import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { canInProject, useProject } from '../app/app-context.tsx';
import { useAgentsQuery } from '../data/agents/agents-query.ts';
import { useJobQuery } from '../data/jobs/job-query.ts';
import { useUpdateJobMutation } from '../data/jobs/save-job-mutation.ts';
import { queryError } from '../data/query-error.ts';
import { useStorageLocationsQuery } from '../data/storage/storage-locations-query.ts';
import { useProjectEvents } from '../data/use-project-events.ts';
import { approvedAgents } from '../files/approved-agents.tsx';
import { JobEditor } from '../jobs/job-editor.tsx';
import { ServerError } from '../ui/server-error.tsx';
import { ErrorNotice, Loading, PageHeader } from '../ui/states.tsx';

const route = getRouteApi('/_signedIn/p/$projectId/jobs/$jobId/edit');

export default function EditJobPage() {
  const { projectId, jobId } = route.useParams();
  const navigate = useNavigate();
  const agents = useAgentsQuery(projectId);
  const job = useJobQuery(projectId, jobId);
  const updateJob = useUpdateJobMutation(projectId);
  const mayReadStorage = canInProject(useProject(projectId), 'storage:read');
  const locations = useStorageLocationsQuery(projectId, mayReadStorage);
  useProjectEvents(projectId);

  const error = queryError(agents.error ?? job.error);
  if (error)
    return (
      <ErrorNotice
        message={error}
        onRetry={() => {
          void agents.refetch();
          void job.refetch();
        }}
      />
    );
  if (!agents.data || !job.data) return <Loading />;
  const active = approvedAgents(agents.data.agents);
  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/p/$projectId/jobs" params={{ projectId }}>
          Jobs
        </Link>{' '}
        /{' '}
        <Link to="/p/$projectId/jobs/$jobId" params={{ projectId, jobId }}>
          {job.data.name}
        </Link>{' '}
        / edit
      </p>
      <PageHeader title={`Edit ${job.data.name}`} />
      <ServerError error={locations.error} />
      <JobEditor
        projectId={projectId}
        agents={active}
        locations={mayReadStorage ? (locations.data?.locations ?? []) : undefined}
        job={job.data}
        submitLabel="Save job"
        save={async (body) => {
          await updateJob.mutateAsync({ jobId, body });
          await navigate({ to: '/p/$projectId/jobs/$jobId', params: { projectId, jobId } });
        }}
      />
    </section>
  );
}
