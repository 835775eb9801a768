import type { ChangeEvent } from 'react';

/** A choice among the roles a contract's schema lists (company or project roles), with its label. */
export function RolePicker<Role extends string>(props: {
  label: string;
  /** In a table cell: the label is for screen readers only. */
  hideLabel?: boolean;
  roles: readonly Role[];
  value: Role;
  onChange: (role: Role) => void;
}) {
  const change = (event: ChangeEvent<HTMLSelectElement>) => props.onChange(event.target.value as Role);
  const options = props.roles.map((role) => (
    <option key={role} value={role}>
      {role}
    </option>
  ));
  if (props.hideLabel) {
    return (
      <select aria-label={props.label} value={props.value} onChange={change}>
        {options}
      </select>
    );
  }
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={change}>
        {options}
      </select>
    </label>
  );
}
