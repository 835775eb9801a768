import { Link } from '@tanstack/react-router';
import { ApiError } from '@tcpa/api-client';
import type { AuditEntry } from '@tcpa/contracts';
import { useState } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { useServices } from '../app/app-context.tsx';
import { formatTime } from '../ui/format.ts';
import { Empty, ErrorNotice, Loading, PageHeader } from '../ui/states.tsx';
import { useAsync } from '../ui/use-async.ts';

export default function AuditPage() {
  const { api } = useServices();
  const [more, setMore] = useState<AuditEntry[]>([]);
  const [moreError, setMoreError] = useState<string | null>(null);
  const first = useAsync(
    () =>
      api.auditLog().catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 402) return 'enterprise' as const;
        throw error;
      }),
    [],
  );
  const [next, setNext] = useState<number | null | undefined>(undefined);

  if (first.loading) return <Loading what="Loading the audit log" />;
  if (first.error) return <ErrorNotice message={first.error} onRetry={first.reload} />;
  if (first.data === 'enterprise' || !first.data)
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
  const entries = [...first.data.entries, ...more];
  const cursor = next === undefined ? first.data.nextBefore : next;
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
      {moreError && <ErrorNotice message={moreError} />}
      {cursor !== null && (
        <button
          type="button"
          className="secondary"
          onClick={() =>
            api.auditLog(cursor).then(
              (page) => {
                setMore((m) => [...m, ...page.entries]);
                setNext(page.nextBefore);
              },
              (error: unknown) => setMoreError(errorMessage(error)),
            )
          }
        >
          Older entries
        </button>
      )}
    </section>
  );
}
