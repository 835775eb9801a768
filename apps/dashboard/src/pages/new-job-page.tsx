import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { canInProject, useProject } from '../app/app-context.tsx';
import { useAgentsQuery } from '../data/agents/agents-query.ts';
import { useCreateJobMutation } from '../data/jobs/save-job-mutation.ts';
import { queryError } from '../data/query-error.ts';
import { useStorageLocationsQuery } from '../data/storage/storage-locations-query.ts';
import { useProjectEvents } from '../data/use-project-events.ts';
import { approvedAgents } from '../files/approved-agents.tsx';
import { JobEditor } from '../jobs/job-editor.tsx';
import { ServerError } from '../ui/server-error.tsx';
import { ErrorNotice, Loading, PageHeader } from '../ui/states.tsx';

const route = getRouteApi('/_signedIn/p/$projectId');

export default function NewJobPage() {
  const { projectId } = route.useParams();
  const navigate = useNavigate();
  const agents = useAgentsQuery(projectId);
  const createJob = useCreateJobMutation(projectId);
  const mayReadStorage = canInProject(useProject(projectId), 'storage:read');
  const locations = useStorageLocationsQuery(projectId, mayReadStorage);
  useProjectEvents(projectId);

  const agentsError = queryError(agents.error);
  if (agentsError) return <ErrorNotice message={agentsError} onRetry={() => void agents.refetch()} />;
  if (!agents.data) return <Loading />;
  const active = approvedAgents(agents.data.agents);
  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/p/$projectId/jobs" params={{ projectId }}>
          Jobs
        </Link>{' '}
        / new
      </p>
      <PageHeader title="New job" />
      <ServerError error={locations.error} />
      <JobEditor
        projectId={projectId}
        agents={active}
        locations={mayReadStorage ? (locations.data?.locations ?? []) : undefined}
        submitLabel="Create job"
        save={async (body) => {
          const job = await createJob.mutateAsync(body);
          await navigate({ to: '/p/$projectId/jobs/$jobId', params: { projectId, jobId: job.id } });
        }}
      />
    </section>
  );
}
