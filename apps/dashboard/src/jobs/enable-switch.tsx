import type { Job } from '@tcpa/contracts';
import { useUpdateJobMutation } from '../data/jobs/save-job-mutation.ts';
import { useAction } from '../ui/use-action.ts';

/** A job's on/off switch: PATCH `enabled`; the answer (with its next firings) replaces the cached job. */
export function EnableSwitch({ projectId, job }: { projectId: string; job: Job }) {
  const updateJob = useUpdateJobMutation(projectId);
  const action = useAction();
  return (
    <span>
      <label className="switch-label">
        <input
          type="checkbox"
          role="switch"
          aria-checked={job.enabled}
          checked={job.enabled}
          disabled={action.pending}
          aria-label={`${job.name} enabled`}
          onChange={(event) => {
            const enabled = event.target.checked;
            void action.run(() => updateJob.mutateAsync({ jobId: job.id, body: { enabled } }));
          }}
        />
        {job.enabled ? 'On' : 'Off'}
      </label>
      {action.error && (
        <span className="sub form-error" role="alert">
          {action.error}
        </span>
      )}
    </span>
  );
}
