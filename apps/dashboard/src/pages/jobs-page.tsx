import { getRouteApi, Link } from '@tanstack/react-router';
import { canInProject, useProject } from '../app/app-context.tsx';
import { useJobsQuery } from '../data/jobs/jobs-query.ts';
import { queryError } from '../data/query-error.ts';
import { useStorageLocationsQuery } from '../data/storage/storage-locations-query.ts';
import { useProjectEvents } from '../data/use-project-events.ts';
import { EnableSwitch } from '../jobs/enable-switch.tsx';
import { jobSideWhat } from '../jobs/job-sides.ts';
import { LastRunCell } from '../jobs/last-run-cell.tsx';
import { MODE_NAMES } from '../jobs/mode-field.tsx';
import { formatTime } from '../ui/format.ts';
import { Empty, ErrorNotice, Loading, PageHeader } from '../ui/states.tsx';

const route = getRouteApi('/_signedIn/p/$projectId');

export default function JobsPage() {
  const { projectId } = route.useParams();
  const jobs = useJobsQuery(projectId);
  const project = useProject(projectId);
  const locations = useStorageLocationsQuery(projectId, canInProject(project, 'storage:read'));
  useProjectEvents(projectId);
  const error = queryError(jobs.error);
  const mayWrite = canInProject(project, 'jobs:write');

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Jobs">
        {mayWrite && (
          <Link className="button" to="/p/$projectId/jobs/new" params={{ projectId }}>
            New job
          </Link>
        )}
      </PageHeader>
      {jobs.isPending && <Loading what="Loading jobs" />}
      {error && <ErrorNotice message={error} onRetry={() => void jobs.refetch()} />}
      {jobs.data && jobs.data.jobs.length === 0 && (
        <Empty title="No jobs yet">
          <p>
            A job is a transfer that runs on its schedules: nightly exports, hourly consolidation, a mirrored folder.
          </p>
        </Empty>
      )}
      {jobs.data && jobs.data.jobs.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Mode</th>
                <th scope="col">Last run</th>
                <th scope="col">Next run</th>
                <th scope="col">Enabled</th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.jobs.map((job) => (
                <tr key={job.id}>
                  <td>
                    <Link to="/p/$projectId/jobs/$jobId" params={{ projectId, jobId: job.id }}>
                      {job.name}
                    </Link>
                    <span className="sub">
                      {jobSideWhat(job, 'source', locations.data?.locations)} →{' '}
                      {jobSideWhat(job, 'destination', locations.data?.locations)}
                    </span>
                  </td>
                  <td>{MODE_NAMES[job.mode]}</td>
                  <td>
                    <LastRunCell projectId={projectId} run={job.lastRun} />
                  </td>
                  <td>
                    {job.nextFireTimes[0] ? formatTime(job.nextFireTimes[0]) : job.enabled ? 'No schedule' : 'Disabled'}
                  </td>
                  <td>{mayWrite ? <EnableSwitch projectId={projectId} job={job} /> : job.enabled ? 'On' : 'Off'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
