import type { AlertRule, Channel } from '@tcpa/contracts';
import { useDeleteAlertRuleMutation } from '../data/alerts/delete-alert-rule-mutation.ts';
import { useUpdateAlertRuleMutation } from '../data/alerts/save-alert-rule-mutation.ts';
import { EditDeleteButtons } from '../ui/edit-delete-buttons.tsx';
import { OnOffSwitch } from '../ui/on-off-switch.tsx';
import { ServerError } from '../ui/server-error.tsx';
import { describeCondition } from './conditions.ts';
import { SeverityBadge } from './severity-badge.tsx';

/** The project's rules: condition, severity, channels, quiet period; on/off, edit and delete with alerts:write. */
export function RulesTable(props: {
  projectId: string;
  rules: AlertRule[];
  channels: Channel[];
  mayWrite: boolean;
  onEdit: (rule: AlertRule) => void;
}) {
  const { projectId, rules, channels, mayWrite, onEdit } = props;
  const updateRule = useUpdateAlertRuleMutation(projectId);
  const deleteRule = useDeleteAlertRuleMutation(projectId);
  const channelName = (id: string) => channels.find((channel) => channel.id === id)?.name ?? 'a channel you cannot see';
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="Alert rules">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Severity</th>
            <th scope="col">Channels</th>
            <th scope="col">Quiet period</th>
            <th scope="col">Enabled</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <tr key={rule.id}>
              <td>
                {rule.name}
                <span className="sub">{describeCondition(rule)}</span>
              </td>
              <td>
                <SeverityBadge severity={rule.severity} />
              </td>
              <td>
                {rule.channelIds.length
                  ? rule.channelIds
                      .map(channelName)
                      .sort((a, b) => a.localeCompare(b))
                      .join(', ')
                  : 'None (shown here only)'}
              </td>
              <td>{rule.quietMinutes} min</td>
              <td>
                {mayWrite ? (
                  <OnOffSwitch
                    name={rule.name}
                    checked={rule.enabled}
                    disabled={updateRule.isPending}
                    onChange={(enabled) => updateRule.mutate({ ruleId: rule.id, body: { enabled } })}
                  />
                ) : rule.enabled ? (
                  'On'
                ) : (
                  'Off'
                )}
              </td>
              <td className="actions-cell">
                {mayWrite && (
                  <EditDeleteButtons
                    name={rule.name}
                    question={`Delete the rule ${rule.name}? Its open alerts are resolved without a message.`}
                    onEdit={() => onEdit(rule)}
                    onDelete={() => deleteRule.mutate(rule.id)}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ServerError error={updateRule.error ?? deleteRule.error} />
    </div>
  );
}
