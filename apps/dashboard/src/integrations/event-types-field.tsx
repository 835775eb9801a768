import { EVENT_TYPES } from '@tcpa/contracts';

const GROUPS = [
  ['*', 'Every event'],
  ['transfer.*', 'Every transfer event'],
  ['job.*', 'Every job event'],
  ['agent.*', 'Every agent event'],
  ['alert.*', 'Every alert (opened, resolved)'],
] as const;

/** A channel's event types in words: "Every event", "Every job event, agent.offline". */
export function describeEventTypes(types: string[]): string {
  const groupName = new Map<string, string>(GROUPS);
  return types.map((type) => groupName.get(type) ?? type).join(', ');
}

/**
 * The event types a webhook endpoint is sent: whole groups, or single types. "Every event" is
 * all or nothing: ticking it clears the others, and ticking any other clears it.
 */
export function EventTypesField({ value, onChange }: { value: string[]; onChange: (next: string[]) => void }) {
  const toggle = (type: string, on: boolean) => {
    if (!on) onChange(value.filter((chosen) => chosen !== type));
    else onChange(type === '*' ? ['*'] : [...value.filter((chosen) => chosen !== '*'), type]);
  };
  const box = (type: string, label: string) => (
    <label key={type} className="inline">
      <input type="checkbox" checked={value.includes(type)} onChange={(e) => toggle(type, e.target.checked)} />
      {label}
    </label>
  );
  return (
    <fieldset className="scopes">
      <legend>Event types sent to the endpoint</legend>
      {GROUPS.map(([type, label]) => box(type, label))}
      <details>
        <summary>Single event types</summary>
        {EVENT_TYPES.map((type) => box(type, type))}
      </details>
    </fieldset>
  );
}
