import { getRouteApi, Link } from '@tanstack/react-router';
import type { AlertRule } from '@tcpa/contracts';
import { useState } from 'react';
import { AlertsTable } from '../alerts/alerts-table.tsx';
import { RuleForm } from '../alerts/rule-form.tsx';
import { RulesTable } from '../alerts/rules-table.tsx';
import { can, canInProject, useProject, useWorkspace } from '../app/app-context.tsx';
import { useAlertRulesQuery } from '../data/alerts/alert-rules-query.ts';
import { useAlertsQuery } from '../data/alerts/alerts-query.ts';
import { useChannelsQuery } from '../data/channels/channels-query.ts';
import { useMembersQuery } from '../data/members/members-query.ts';
import { queryError } from '../data/query-error.ts';
import { Empty, ErrorNotice, Loading, PageHeader } from '../ui/states.tsx';

const route = getRouteApi('/_signedIn/p/$projectId');
const RECENT_RESOLVED = 20;

/** A project's alerts (open first, then recently resolved) and the rules that open them. */
export default function AlertsPage() {
  const { projectId } = route.useParams();
  const { me } = useWorkspace();
  const open = useAlertsQuery(projectId, 'open', 100);
  const resolved = useAlertsQuery(projectId, 'resolved', RECENT_RESOLVED);
  const rules = useAlertRulesQuery(projectId);
  const channels = useChannelsQuery();
  const members = useMembersQuery({ enabled: can(me, 'members:read') });
  const [editing, setEditing] = useState<AlertRule | 'new' | null>(null);
  const mayWrite = canInProject(useProject(projectId), 'alerts:write');
  const error = queryError(open.error ?? resolved.error ?? rules.error);
  const channelList = channels.data?.channels ?? [];

  const nameOf = (userId: string) => {
    if (userId === me.user.id) return 'You';
    const member = members.data?.members.find((candidate) => candidate.userId === userId);
    return member ? (member.name ?? member.email) : 'A member';
  };
  const nothingYet =
    rules.data?.rules.length === 0 && open.data?.alerts.length === 0 && resolved.data?.alerts.length === 0;

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Alerts">
        {mayWrite && editing === null && (
          <button type="button" onClick={() => setEditing('new')}>
            New rule
          </button>
        )}
      </PageHeader>
      {(open.isPending || rules.isPending) && <Loading what="Loading alerts" />}
      {error && <ErrorNotice message={error} onRetry={() => void Promise.all([open.refetch(), rules.refetch()])} />}
      {nothingYet && editing === null && (
        <Empty title="No alert rules yet">
          <p>
            Alerts tell you when a transfer or job run fails, an agent goes offline or waits for approval, or the plan
            fills up.{' '}
            {can(me, 'integrations:write') ? (
              <>
                First add a channel (email, Slack, Teams or a webhook) on <Link to="/integrations">Integrations</Link>,
                then create a rule here with “New rule”.
              </>
            ) : mayWrite ? (
              'Create a rule here with “New rule”; a company admin adds the channels (email, Slack, Teams or a webhook) it can send to.'
            ) : (
              'Someone who manages this project’s alerts creates the rules.'
            )}
          </p>
        </Empty>
      )}
      {editing !== null && (
        <RuleForm
          key={editing === 'new' ? 'new' : editing.id}
          projectId={projectId}
          channels={channelList}
          rule={editing === 'new' ? undefined : editing}
          onDone={() => setEditing(null)}
        />
      )}
      <h2>Open alerts</h2>
      {open.data && open.data.alerts.length === 0 && <p className="muted">No open alerts.</p>}
      {open.data && open.data.alerts.length > 0 && (
        <AlertsTable
          label="Open alerts"
          projectId={projectId}
          alerts={open.data.alerts}
          mayAcknowledge={mayWrite}
          nameOf={nameOf}
        />
      )}
      {resolved.data && resolved.data.alerts.length > 0 && (
        <>
          <h2>Recently resolved</h2>
          <AlertsTable
            label="Recently resolved alerts"
            projectId={projectId}
            alerts={resolved.data.alerts}
            mayAcknowledge={false}
            nameOf={nameOf}
          />
        </>
      )}
      <h2>Rules</h2>
      {rules.data && rules.data.rules.length === 0 && <p className="muted">No rules in this project.</p>}
      {rules.data && rules.data.rules.length > 0 && (
        <RulesTable
          projectId={projectId}
          rules={rules.data.rules}
          channels={channelList}
          mayWrite={mayWrite}
          onEdit={(rule) => setEditing(rule)}
        />
      )}
    </section>
  );
}
