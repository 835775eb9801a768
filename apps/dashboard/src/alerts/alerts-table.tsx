import type { Alert } from '@tcpa/contracts';
import { useAcknowledgeAlertMutation } from '../data/alerts/acknowledge-alert-mutation.ts';
import { formatAgo, formatTime } from '../ui/format.ts';
import { ServerError } from '../ui/server-error.tsx';
import { SeverityBadge } from './severity-badge.tsx';
import { SubjectLink } from './subject-link.tsx';

/**
 * Alerts as a table: severity, title, subject (linked), since when, who acknowledged it and when,
 * and for open ones "Acknowledge" (with alerts:write).
 */
export function AlertsTable(props: {
  label: string;
  projectId: string;
  alerts: Alert[];
  mayAcknowledge: boolean;
  /** A user id as the person's name. */
  nameOf: (userId: string) => string;
}) {
  const { alerts, projectId, mayAcknowledge, nameOf } = props;
  const acknowledge = useAcknowledgeAlertMutation(projectId);
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label={props.label}>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Alert</th>
            <th scope="col">Subject</th>
            <th scope="col">Since</th>
            <th scope="col">Acknowledged</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((alert) => (
            <tr key={alert.id}>
              <td>
                <SeverityBadge severity={alert.severity} />
              </td>
              <td>
                {alert.title}
                <span className="sub">Rule: {alert.ruleName}</span>
                {alert.notice === 'held_back' && (
                  <span className="sub">
                    Not sent: its channels were told about {alert.subjectName} within the rule’s quiet period
                  </span>
                )}
              </td>
              <td>
                <SubjectLink alert={alert} />
              </td>
              <td>
                <span title={formatTime(alert.openedAt)}>{formatAgo(alert.openedAt)}</span>
                {alert.resolvedAt && <span className="sub">resolved {formatTime(alert.resolvedAt)}</span>}
              </td>
              <td>
                {alert.acknowledgedAt ? (
                  <>
                    {alert.acknowledgedBy ? nameOf(alert.acknowledgedBy) : 'someone'}
                    <span className="sub">{formatTime(alert.acknowledgedAt)}</span>
                  </>
                ) : alert.state === 'open' && mayAcknowledge ? (
                  <button
                    type="button"
                    className="small"
                    aria-label={`Acknowledge ${alert.title}`}
                    disabled={acknowledge.isPending}
                    onClick={() => acknowledge.mutate(alert.id)}
                  >
                    Acknowledge
                  </button>
                ) : (
                  'No'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ServerError error={acknowledge.error} />
    </div>
  );
}
