import type { JobPreview, TransferPlan } from '@tcpa/contracts';
import { formatBytes, formatTime } from '../ui/format.ts';

type PlannedFiles = TransferPlan['send'];

function PlannedList(props: { title: string; files: PlannedFiles; deletion?: boolean }) {
  const { files } = props;
  if (files.count === 0) return null;
  return (
    <details open={props.deletion} className={props.deletion ? 'preview-deleted' : undefined}>
      <summary>
        {props.title}: {files.count.toLocaleString()} files, {formatBytes(files.bytes)}
      </summary>
      <ul className="plain-list">
        {files.paths.map((file) => (
          <li key={file.path}>
            <code>{file.path}</code> <span className="hint">{formatBytes(file.size)}</span>
          </li>
        ))}
      </ul>
      {files.truncated && <p className="hint">Only the first {files.paths.length} are listed.</p>}
    </details>
  );
}

/** What the next run would do: counts and bytes, the lists, and deletions set apart in red. */
export function PreviewPanel({ preview }: { preview: JobPreview }) {
  const { plan } = preview;
  const deletes = plan.deleteAtDestination.count + plan.deleteAtSource.count;
  return (
    <section className="card" aria-label="Preview">
      <h2>Preview</h2>
      <p className="hint">
        Worked out by the agents at {formatTime(preview.plannedAt)} ({preview.mode}); nothing was sent or deleted.
      </p>
      <ul className="plain-list">
        <li>
          Would send: <strong>{plan.send.count.toLocaleString()} files</strong>, {formatBytes(plan.send.bytes)}
        </li>
        <li>
          Already identical: {plan.unchanged.count.toLocaleString()} files, {formatBytes(plan.unchanged.bytes)}
        </li>
        {deletes > 0 && (
          <li className="preview-deleted">
            Would delete: <strong>{deletes.toLocaleString()} files</strong>
          </li>
        )}
      </ul>
      <PlannedList title="To send" files={plan.send} />
      <PlannedList title="Unchanged" files={plan.unchanged} />
      <PlannedList title="Deleted at the destination (mirror)" files={plan.deleteAtDestination} deletion />
      <PlannedList title="Deleted at the source once verified (move)" files={plan.deleteAtSource} deletion />
      {plan.skippedSources.length > 0 && (
        <details>
          <summary>Left out: {plan.skippedSources.length}</summary>
          <ul className="plain-list">
            {plan.skippedSources.map((entry) => (
              <li key={entry.path}>
                <code>{entry.path}</code> <span className="hint">{entry.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
