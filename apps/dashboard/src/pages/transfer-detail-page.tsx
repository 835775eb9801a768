import { getRouteApi, Link } from '@tanstack/react-router';
import { FINISHED_TRANSFER_STATES, transferActions } from '@tcpa/contracts';
import { useEffect, useRef } from 'react';
import { useServices } from '../app/app-context.tsx';
import { TransferProgress } from '../transfers/transfer-progress.tsx';
import { TransferThroughputChart } from '../transfers/transfer-throughput-chart.tsx';
import { TransferWaiting } from '../transfers/transfer-waiting.tsx';
import { TuningDecisions } from '../transfers/tuning-decisions.tsx';
import { formatBytes, formatTime } from '../ui/format.ts';
import { ErrorNotice, FormError, Loading, PageHeader } from '../ui/states.tsx';
import { useAction, useAsync } from '../ui/use-async.ts';

/** Files and tuner decisions are not in the live message: refetched this often while it runs. */
const DETAIL_REFRESH_MS = 5000;

const route = getRouteApi('/_signedIn/p/$projectId/transfers/$transferId');

export default function TransferDetailPage() {
  const { projectId, transferId } = route.useParams();
  const { api, realtime } = useServices();
  const detail = useAsync(() => api.getTransfer(projectId, transferId), [projectId, transferId]);
  const action = useAction();
  const { setData, reload } = detail;
  const lastReload = useRef(Date.now());

  useEffect(() => {
    realtime.subscribe(projectId);
    return realtime.onMessage((message) => {
      if (message.type !== 'transfer' || message.transfer.id !== transferId) return;
      setData((current) => current && { ...current, transfer: message.transfer });
      // Files and tuner decisions are not in the live message: fetch them again when it finishes,
      // and every few seconds while it runs.
      const finished = FINISHED_TRANSFER_STATES.includes(message.transfer.state);
      if (finished || Date.now() - lastReload.current > DETAIL_REFRESH_MS) {
        lastReload.current = Date.now();
        reload();
      }
    });
  }, [realtime, projectId, transferId, setData, reload]);

  if (detail.error) return <ErrorNotice message={detail.error} onRetry={detail.reload} />;
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
        {transferActions(transfer.state).map((kind) => (
          <button
            key={kind}
            type="button"
            className={kind === 'cancel' ? 'danger secondary' : 'secondary'}
            disabled={action.pending}
            onClick={() =>
              void action.run(async () => {
                const updated = await api.transferAction(projectId, transferId, kind);
                setData((current) => current && { ...current, transfer: updated });
              })
            }
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
            <dt>Source paths</dt>
            <dd>{transfer.sourcePaths.join(', ')}</dd>
          </div>
          <div>
            <dt>Destination directory</dt>
            <dd>{transfer.destinationDir}</dd>
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
        <p className="muted">The file list appears once the source agent has scanned the paths.</p>
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
