import type { Delivery } from '@tcpa/contracts';
import { useDeliveriesQuery } from '../data/channels/deliveries-query.ts';
import { queryError } from '../data/query-error.ts';
import { formatTime } from '../ui/format.ts';
import { ErrorNotice, Loading } from '../ui/states.tsx';

const STATUS_BADGE: Record<Delivery['status'], string> = {
  pending: 'pending',
  delivered: 'succeeded',
  failed: 'failed',
  canceled: 'canceled',
};

/** A channel's recent deliveries, each with its attempts (time, status code, response excerpt, error). */
export function DeliveryLog({ channelId, channelName }: { channelId: string; channelName: string }) {
  const deliveries = useDeliveriesQuery(channelId);
  const error = queryError(deliveries.error);
  return (
    <div className="table-scroll">
      {deliveries.isPending && <Loading what="Loading deliveries" />}
      {error && <ErrorNotice message={error} onRetry={() => void deliveries.refetch()} />}
      {deliveries.data && deliveries.data.deliveries.length === 0 && <p className="muted">Nothing sent yet.</p>}
      {deliveries.data && deliveries.data.deliveries.length > 0 && (
        <table className="data-table" aria-label={`Deliveries of ${channelName}`}>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Event</th>
              <th scope="col">Summary</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.deliveries.map((delivery) => (
              <tr key={delivery.id}>
                <td>{formatTime(delivery.createdAt)}</td>
                <td>
                  <code>{delivery.eventType}</code>
                </td>
                <td>{delivery.summary}</td>
                <td>
                  <span className={`badge badge-${STATUS_BADGE[delivery.status]}`}>{delivery.status}</span>
                  {delivery.lastStatusCode !== null && <span className="sub">HTTP {delivery.lastStatusCode}</span>}
                  {delivery.nextAttemptAt && delivery.status === 'pending' && (
                    <span className="sub">next try {formatTime(delivery.nextAttemptAt)}</span>
                  )}
                </td>
                <td>
                  <Attempts delivery={delivery} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Attempts({ delivery }: { delivery: Delivery }) {
  if (delivery.attemptLog.length === 0) return <>0</>;
  return (
    <details>
      <summary>
        {delivery.attempts} attempt{delivery.attempts === 1 ? '' : 's'}
      </summary>
      <ol className="attempts">
        {delivery.attemptLog.map((attempt) => (
          <li key={attempt.attempt}>
            {formatTime(attempt.startedAt)}: {attempt.statusCode !== null ? `HTTP ${attempt.statusCode}` : 'no answer'}{' '}
            ({attempt.durationMs} ms)
            {attempt.error && <span className="sub form-error">{attempt.error}</span>}
            {attempt.responseExcerpt && <pre className="excerpt">{attempt.responseExcerpt}</pre>}
          </li>
        ))}
      </ol>
    </details>
  );
}
