import { Link } from '@tanstack/react-router';
import type { JobRun } from '@tcpa/contracts';
import { formatTime } from '../ui/format.ts';
import { JobRunStatus } from './job-run-status.tsx';

/** The newest run of a job, for the Jobs list (the list carries it: `job.lastRun`, kept live by `job_run` messages). */
export function LastRunCell({ projectId, run }: { projectId: string; run: JobRun | null }) {
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
