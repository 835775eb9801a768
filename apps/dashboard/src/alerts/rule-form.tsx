import { Link } from '@tanstack/react-router';
import type { AlertCondition, AlertRule, Channel } from '@tcpa/contracts';
import { type FormEvent, useState } from 'react';
import { can, useWorkspace } from '../app/app-context.tsx';
import { useCreateAlertRuleMutation, useUpdateAlertRuleMutation } from '../data/alerts/save-alert-rule-mutation.ts';
import { ServerError } from '../ui/server-error.tsx';
import { CONDITION_NAMES, CONDITION_PARAMETERS, OFFERED_CONDITIONS } from './conditions.ts';

const SEVERITIES = ['info', 'warning', 'critical'] as const;

/** A new rule (`rule` absent) or changes to one: its condition is fixed once made. */
export function RuleForm(props: { projectId: string; channels: Channel[]; rule?: AlertRule; onDone: () => void }) {
  const { projectId, channels, rule, onDone } = props;
  const { me } = useWorkspace();
  const createRule = useCreateAlertRuleMutation(projectId);
  const updateRule = useUpdateAlertRuleMutation(projectId);
  const [name, setName] = useState(rule?.name ?? '');
  const [condition, setCondition] = useState<AlertCondition>(rule?.condition ?? 'transfer_failed');
  const [forMinutes, setForMinutes] = useState<number | null>(rule?.forMinutes ?? null);
  const [threshold, setThreshold] = useState<number | null>(rule?.threshold ?? null);
  const parameters = CONDITION_PARAMETERS[condition] ?? {};
  const [severity, setSeverity] = useState<AlertRule['severity']>(rule?.severity ?? 'warning');
  const [quietMinutes, setQuietMinutes] = useState(rule?.quietMinutes ?? 60);
  const [channelIds, setChannelIds] = useState<string[]>(rule?.channelIds ?? []);
  const save = rule ? updateRule : createRule;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields = {
      name,
      severity,
      quietMinutes,
      channelIds,
      forMinutes: parameters.minutes ? (forMinutes ?? parameters.minutes.default) : null,
      threshold: parameters.threshold ? (threshold ?? parameters.threshold.default) : null,
    };
    try {
      if (rule) await updateRule.mutateAsync({ ruleId: rule.id, body: fields });
      else await createRule.mutateAsync({ ...fields, condition, enabled: true });
      onDone();
    } catch {
      // Shown from the mutation's error.
    }
  };

  const toggleChannel = (id: string, on: boolean) =>
    setChannelIds(on ? [...channelIds, id] : channelIds.filter((chosen) => chosen !== id));

  return (
    <form className="card" aria-label={rule ? `Edit rule ${rule.name}` : 'New alert rule'} onSubmit={submit}>
      <h2>{rule ? `Edit rule ${rule.name}` : 'New alert rule'}</h2>
      <div className="form-grid">
        <label>
          Rule name
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        {rule ? (
          <p>
            Condition: <strong>{CONDITION_NAMES[rule.condition]}</strong>
            <span className="sub">A rule’s condition stays; make a new rule for another one.</span>
          </p>
        ) : (
          <label>
            Condition
            <select value={condition} onChange={(e) => setCondition(e.target.value as AlertCondition)}>
              {OFFERED_CONDITIONS.map((option) => (
                <option key={option} value={option}>
                  {CONDITION_NAMES[option]}
                </option>
              ))}
            </select>
          </label>
        )}
        {parameters.minutes && (
          <label>
            {parameters.minutes.label}
            <input
              type="number"
              required
              min={0}
              max={10080}
              value={forMinutes ?? parameters.minutes.default}
              onChange={(e) => setForMinutes(e.target.valueAsNumber)}
            />
          </label>
        )}
        {parameters.threshold && (
          <label>
            {parameters.threshold.label}
            <input
              type="number"
              required
              min={0}
              max={100}
              value={threshold ?? parameters.threshold.default}
              onChange={(e) => setThreshold(e.target.valueAsNumber)}
            />
          </label>
        )}
        <label>
          Severity
          <select value={severity} onChange={(e) => setSeverity(e.target.value as AlertRule['severity'])}>
            {SEVERITIES.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
        <label>
          Quiet period (minutes between messages per subject)
          <input
            type="number"
            required
            min={0}
            max={10080}
            value={quietMinutes}
            onChange={(e) => setQuietMinutes(e.target.valueAsNumber)}
          />
        </label>
      </div>
      <fieldset className="scopes">
        <legend>Send to</legend>
        {channels.length === 0 && (
          <p className="hint">
            {can(me, 'integrations:write') ? (
              <>
                No channels yet: add one on <Link to="/integrations">Integrations</Link>.
              </>
            ) : (
              'No channels yet: a company admin adds them on the Integrations page.'
            )}{' '}
            The rule still opens alerts here.
          </p>
        )}
        {channels.map((channel) => (
          <label key={channel.id} className="inline">
            <input
              type="checkbox"
              checked={channelIds.includes(channel.id)}
              onChange={(e) => toggleChannel(channel.id, e.target.checked)}
            />
            {channel.name}
            {!channel.enabled && <span className="sub">(disabled)</span>}
          </label>
        ))}
      </fieldset>
      <ServerError error={save.error} />
      <div className="toolbar">
        <button type="submit" disabled={save.isPending}>
          {rule ? 'Save rule' : 'Create rule'}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
