import { getRouteApi, Link } from '@tanstack/react-router';
import { type Transfer, transferDestinationWords, transferSourceWords } from '@tcpa/contracts';
import { canInProject, useProject } from '../app/app-context.tsx';
import { useAgentsQuery } from '../data/agents/agents-query.ts';
import { queryError } from '../data/query-error.ts';
import { useStorageLocationsQuery } from '../data/storage/storage-locations-query.ts';
import { useTransfersQuery } from '../data/transfers/transfers-query.ts';
import { useProjectEvents } from '../data/use-project-events.ts';
import { TransferProgress } from '../transfers/transfer-progress.tsx';
import { transferSideName } from '../transfers/transfer-side-name.ts';
import { TransferWaiting } from '../transfers/transfer-waiting.tsx';
import { formatTime } from '../ui/format.ts';
import { Empty, ErrorNotice, Loading, PageHeader } from '../ui/states.tsx';

const route = getRouteApi('/_signedIn/p/$projectId');

export default function TransfersPage() {
  const { projectId } = route.useParams();
  const transfers = useTransfersQuery(projectId);
  const agents = useAgentsQuery(projectId);
  useProjectEvents(projectId);
  const error = queryError(transfers.error);
  const project = useProject(projectId);
  const mayWrite = canInProject(project, 'transfers:write');
  const locations = useStorageLocationsQuery(projectId, canInProject(project, 'storage:read'));
  const sideName = (transfer: Transfer, side: 'source' | 'destination') =>
    transferSideName(transfer, side, agents.data?.agents, locations.data?.locations);
  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Transfers">
        {mayWrite && (
          <Link className="button" to="/p/$projectId/transfers/new" params={{ projectId }}>
            New transfer
          </Link>
        )}
      </PageHeader>
      {transfers.isPending && <Loading what="Loading transfers" />}
      {error && <ErrorNotice message={error} onRetry={() => void transfers.refetch()} />}
      {transfers.data && transfers.data.transfers.length === 0 && (
        <Empty title="No transfers yet">
          <p>
            {mayWrite
              ? 'Move files from one agent to another: start a new transfer.'
              : "Transfers between this project's agents appear here."}
          </p>
        </Empty>
      )}
      {transfers.data && transfers.data.transfers.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Transfer</th>
                <th scope="col">State</th>
                <th scope="col">Progress</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {transfers.data.transfers.map((transfer) => (
                <tr key={transfer.id}>
                  <td>
                    <Link to="/p/$projectId/transfers/$transferId" params={{ projectId, transferId: transfer.id }}>
                      {sideName(transfer, 'source')} → {sideName(transfer, 'destination')}
                    </Link>
                    <span className="sub">
                      {transferSourceWords(transfer)} → {transferDestinationWords(transfer)}
                    </span>
                  </td>
                  <td>
                    <span className={`badge badge-${transfer.state}`}>{transfer.state}</span>
                    {transfer.stateReason && <span className="sub">{transfer.stateReason}</span>}
                    <TransferWaiting transfer={transfer} />
                  </td>
                  <td>
                    <TransferProgress transfer={transfer} />
                  </td>
                  <td>{formatTime(transfer.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
