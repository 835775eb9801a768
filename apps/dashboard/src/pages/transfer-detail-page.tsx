import { getRouteApi, Link } from '@tanstack/react-router';
import {
  FINISHED_TRANSFER_STATES,
  type Transfer,
  transferActions,
  transferDestinationWords,
  transferSourceWords,
} from '@tcpa/contracts';
import { canInProject, useProject } from '../app/app-context.tsx';
import { useAgentsQuery } from '../data/agents/agents-query.ts';
import { queryError } from '../data/query-error.ts';
import { useStorageLocationsQuery } from '../data/storage/storage-locations-query.ts';
import { useTransferActionMutation } from '../data/transfers/transfer-action-mutation.ts';
import { useTransferQuery } from '../data/transfers/transfer-query.ts';
import { useProjectEvents } from '../data/use-project-events.ts';
import { TransferProgress } from '../transfers/transfer-progress.tsx';
import { transferSideName } from '../transfers/transfer-side-name.ts';
import { TransferThroughputChart } from '../transfers/transfer-throughput-chart.tsx';
import { TransferWaiting } from '../transfers/transfer-waiting.tsx';
import { TuningDecisions } from '../transfers/tuning-decisions.tsx';
import { formatBytes, formatTime } from '../ui/format.ts';
import { ErrorNotice, FormError, Loading, PageHeader } from '../ui/states.tsx';
import { useAction } from '../ui/use-action.ts';

const route = getRouteApi('/_signedIn/p/$projectId/transfers/$transferId');

/** Agents report each file's result when an attempt ends, not while it runs. */
function emptyFileListText(transfer: Transfer): string {
  if (FINISHED_TRANSFER_STATES.includes(transfer.state)) return 'No file results were recorded for this transfer.';
  const soFar =
    transfer.state === 'running' || transfer.state === 'verifying'
      ? `; ${transfer.filesDone} of ${transfer.filesTotal ?? '?'} files are done so far`
      : '';
  return `Each file's result is listed here when the attempt ends${soFar}.`;
}

export default function TransferDetailPage() {
  const { projectId, transferId } = route.useParams();
  const detail = useTransferQuery(projectId, transferId);
  const transferAction = useTransferActionMutation(projectId);
  const action = useAction();
  useProjectEvents(projectId);
  const project = useProject(projectId);
  const mayWrite = canInProject(project, 'transfers:write');
  const agents = useAgentsQuery(projectId);
  const locations = useStorageLocationsQuery(projectId, canInProject(project, 'storage:read'));

  const error = queryError(detail.error);
  if (error) return <ErrorNotice message={error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Loading what="Loading transfer" />;
  const { transfer, files, decisions } = detail.data;

  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/p/$projectId/transfers" params={{ projectId }}>
          Transfers
        </Link>{' '}
        / {transfer.id.slice(0, 8)}
      </p>
      <PageHeader title="Transfer">
        {(mayWrite ? transferActions(transfer.state) : []).map((kind) => (
          <button
            key={kind}
            type="button"
            className={kind === 'cancel' ? 'danger secondary' : 'secondary'}
            disabled={action.pending}
            onClick={() => void action.run(() => transferAction.mutateAsync({ transferId, action: kind }))}
          >
            {kind[0]?.toUpperCase()}
            {kind.slice(1)}
          </button>
        ))}
      </PageHeader>
      <FormError message={action.error} />
      <div className="card">
        <p>
          <span className={`badge badge-${transfer.state}`}>{transfer.state}</span>{' '}
          <strong role="status">{transfer.stateReason ?? ''}</strong>
        </p>
        <TransferWaiting transfer={transfer} />
        <TransferProgress transfer={transfer} />
        <dl className="facts">
          <div>
            <dt>From</dt>
            <dd>{transferSideName(transfer, 'source', agents.data?.agents, locations.data?.locations)}</dd>
          </div>
          <div>
            <dt>{transfer.sourcePaths ? 'Source paths' : 'Objects from'}</dt>
            <dd>{transferSourceWords(transfer)}</dd>
          </div>
          <div>
            <dt>To</dt>
            <dd>{transferSideName(transfer, 'destination', agents.data?.agents, locations.data?.locations)}</dd>
          </div>
          <div>
            <dt>{transfer.destinationDir === null ? 'Objects to' : 'Destination directory'}</dt>
            <dd>{transferDestinationWords(transfer)}</dd>
          </div>
          <div>
            <dt>Files</dt>
            <dd>
              {transfer.filesDone} of {transfer.filesTotal ?? '?'}
            </dd>
          </div>
          <div>
            <dt>Attempts</dt>
            <dd>
              {transfer.attempts} of {transfer.maxAttempts}
            </dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{formatTime(transfer.createdAt)}</dd>
          </div>
          <div>
            <dt>Finished</dt>
            <dd>{formatTime(transfer.finishedAt)}</dd>
          </div>
        </dl>
      </div>
      <TransferThroughputChart transfer={transfer} />
      <TuningDecisions decisions={decisions} />
      <h2>Files</h2>
      {files.length === 0 ? (
        <p className="muted">{emptyFileListText(transfer)}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Path</th>
                <th scope="col">Size</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {files.map((file) => (
                <tr key={file.path}>
                  <td>{file.path}</td>
                  <td className="num">{formatBytes(file.size)}</td>
                  <td>
                    {file.status}
                    {file.error && <span className="sub">{file.error}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
