/**
 * A thing's on/off switch: a checkbox announced as a switch, named "<name> enabled", with On or Off
 * written beside it. The caller saves the change; the switch shows `checked` as the server has it.
 */
export function OnOffSwitch(props: {
  name: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="switch-label">
      <input
        type="checkbox"
        role="switch"
        aria-checked={props.checked}
        checked={props.checked}
        disabled={props.disabled}
        aria-label={`${props.name} enabled`}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      {props.checked ? 'On' : 'Off'}
    </label>
  );
}
