import { Link } from '@tanstack/react-router';
import { useJobRunsQuery } from '../data/jobs/job-runs-query.ts';
import { queryError } from '../data/query-error.ts';
import { formatBytes, formatDuration, formatTime } from '../ui/format.ts';
import { Empty, ErrorNotice, Loading } from '../ui/states.tsx';
import { JobRunStatus } from './job-run-status.tsx';

const count = (value: number | null) => (value === null ? '—' : value.toLocaleString());

/** A job's runs, newest first, kept live by the project's transfer messages. */
export function RunsTable({ projectId, jobId }: { projectId: string; jobId: string }) {
  const runs = useJobRunsQuery(projectId, jobId);
  const error = queryError(runs.error);
  if (error) return <ErrorNotice message={error} onRetry={() => void runs.refetch()} />;
  if (!runs.data) return <Loading what="Loading runs" />;
  if (runs.data.runs.length === 0)
    return (
      <Empty title="No runs yet">
        <p>Runs appear here as its schedules fire, or when you press Run now.</p>
      </Empty>
    );
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="Runs">
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Trigger</th>
            <th scope="col">Fire time</th>
            <th scope="col">Files copied</th>
            <th scope="col">Bytes copied</th>
            <th scope="col">Files deleted</th>
            <th scope="col">Duration</th>
            <th scope="col">Transfer</th>
          </tr>
        </thead>
        <tbody>
          {runs.data.runs.map((run) => (
            <tr key={run.id}>
              <td>
                <JobRunStatus run={run} />
              </td>
              <td>{run.trigger === 'manual' ? 'Run now' : 'Schedule'}</td>
              <td>{formatTime(run.fireTime)}</td>
              <td>{count(run.filesCopied)}</td>
              <td>{run.bytesCopied === null ? '—' : formatBytes(run.bytesCopied)}</td>
              <td className={run.filesDeleted ? 'preview-deleted' : undefined}>{count(run.filesDeleted)}</td>
              <td>{formatDuration(run.durationSeconds)}</td>
              <td>
                {run.transferId ? (
                  <Link to="/p/$projectId/transfers/$transferId" params={{ projectId, transferId: run.transferId }}>
                    Open transfer
                  </Link>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
