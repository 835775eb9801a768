import { Link } from '@tanstack/react-router';
import { useJobRunsQuery } from '../data/jobs/job-runs-query.ts';
import { formatTime } from '../ui/format.ts';
import { JobRunStatus } from './job-run-status.tsx';

/** The newest run of a job, for the Jobs list (the job list itself does not carry it). */
export function LastRunCell({ projectId, jobId }: { projectId: string; jobId: string }) {
  const runs = useJobRunsQuery(projectId, jobId, 1);
  if (runs.error) return <span className="hint">—</span>;
  const run = runs.data?.runs[0];
  if (!runs.data) return <span className="hint">…</span>;
  if (!run) return <span className="hint">Never run</span>;
  return (
    <>
      <JobRunStatus run={{ status: run.status, reason: null }} />
      <span className="sub">
        {run.transferId ? (
          <Link to="/p/$projectId/transfers/$transferId" params={{ projectId, transferId: run.transferId }}>
            {formatTime(run.fireTime)}
          </Link>
        ) : (
          formatTime(run.fireTime)
        )}
      </span>
    </>
  );
}
