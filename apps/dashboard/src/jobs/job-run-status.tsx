import type { JobRun } from '@tcpa/contracts';

const BADGE: Record<JobRun['status'], string> = {
  started: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'canceled',
  skipped: 'canceled',
  missed: 'failed',
  queued: 'queued',
};

/** A run's status as a badge (colours shared with transfer states), and why it was skipped, queued or missed. */
export function JobRunStatus({ run }: { run: Pick<JobRun, 'status' | 'reason'> }) {
  return (
    <>
      <span className={`badge badge-${BADGE[run.status]}`}>{run.status}</span>
      {run.reason && <span className="sub">{run.reason}</span>}
    </>
  );
}
