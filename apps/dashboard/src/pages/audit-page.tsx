import { Link } from '@tanstack/react-router';
import { ApiError } from '@tcpa/api-client';
import { useAuditLogQuery } from '../data/audit/audit-log-query.ts';
import { queryError } from '../data/query-error.ts';
import { formatTime } from '../ui/format.ts';
import { Empty, ErrorNotice, Loading, PageHeader } from '../ui/states.tsx';

export default function AuditPage() {
  const log = useAuditLogQuery();
  const enterpriseOnly = log.error instanceof ApiError && log.error.status === 402;
  const error = queryError(log.error);

  if (log.isPending) return <Loading what="Loading the audit log" />;
  if (error && !log.data && !enterpriseOnly) return <ErrorNotice message={error} onRetry={() => void log.refetch()} />;
  if (enterpriseOnly || !log.data)
    return (
      <section className="page" aria-labelledby="page-title">
        <PageHeader title="Audit log" />
        <div className="card">
          <p>
            Viewing the audit log is part of the Enterprise plan. Every change is still recorded, and becomes visible
            when you upgrade: see <Link to="/plan">Plan &amp; usage</Link>.
          </p>
        </div>
      </section>
    );
  const entries = log.data.pages.flatMap((page) => page.entries);
  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Audit log" />
      {entries.length === 0 && <Empty title="Nothing recorded yet" />}
      {entries.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Who</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatTime(entry.createdAt)}</td>
                  <td>{entry.action}</td>
                  <td>
                    {entry.targetType} <span className="sub">{entry.targetId ?? ''}</span>
                  </td>
                  <td>
                    {entry.actorApiKeyId
                      ? `API key ${entry.actorApiKeyId.slice(0, 8)}`
                      : (entry.actorUserId?.slice(0, 8) ?? 'system')}
                  </td>
                  <td>{entry.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.isFetchNextPageError && error && <ErrorNotice message={error} />}
      {log.hasNextPage && (
        <button type="button" className="secondary" onClick={() => void log.fetchNextPage()}>
          Older entries
        </button>
      )}
    </section>
  );
}
