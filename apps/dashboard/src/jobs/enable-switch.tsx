import type { Job } from '@tcpa/contracts';
import { errorMessage } from '../api/api-error.ts';
import { useUpdateJobMutation } from '../data/jobs/save-job-mutation.ts';
import { OnOffSwitch } from '../ui/on-off-switch.tsx';
import { useAction } from '../ui/use-action.ts';

/** A job's on/off switch: PATCH `enabled`; the answer (with its next firings) replaces the cached job. */
export function EnableSwitch({ projectId, job }: { projectId: string; job: Job }) {
  const updateJob = useUpdateJobMutation(projectId);
  const action = useAction();
  return (
    <span>
      <OnOffSwitch
        name={job.name}
        checked={job.enabled}
        disabled={action.pending}
        onChange={(enabled) => void action.run(() => updateJob.mutateAsync({ jobId: job.id, body: { enabled } }))}
      />
      {action.error !== null && (
        <span className="sub form-error" role="alert">
          {errorMessage(action.error)}
        </span>
      )}
    </span>
  );
}
