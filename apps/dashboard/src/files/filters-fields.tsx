import type { FiltersForm } from '../jobs/filters-form.ts';

/** Which files to take: globs one per line, sizes, hidden files; for jobs also "changed since the last run". */
export function FiltersFields(props: { value: FiltersForm; onChange: (value: FiltersForm) => void; forJob: boolean }) {
  const { value, onChange } = props;
  return (
    <fieldset className="form-wide form-grid">
      <legend>Filters</legend>
      <label>
        Include <span className="hint">(globs, one per line; empty: everything)</span>
        <textarea
          rows={3}
          value={value.include}
          onChange={(e) => onChange({ ...value, include: e.target.value })}
          placeholder="*.csv"
        />
      </label>
      <label>
        Exclude <span className="hint">(globs, one per line; a trailing / for folders)</span>
        <textarea
          rows={3}
          value={value.exclude}
          onChange={(e) => onChange({ ...value, exclude: e.target.value })}
          placeholder={'*.tmp\ncache/'}
        />
      </label>
      <MegabytesField
        label="Minimum size, MB"
        value={value.minSizeMB}
        onChange={(minSizeMB) => onChange({ ...value, minSizeMB })}
      />
      <MegabytesField
        label="Maximum size, MB"
        value={value.maxSizeMB}
        onChange={(maxSizeMB) => onChange({ ...value, maxSizeMB })}
      />
      <label className="switch-label">
        <input
          type="checkbox"
          checked={value.skipHidden}
          onChange={(e) => onChange({ ...value, skipHidden: e.target.checked })}
        />
        Skip hidden files and folders (names starting with ".")
      </label>
      {props.forJob && (
        <label className="switch-label">
          <input
            type="checkbox"
            checked={value.changedSinceLastRun}
            onChange={(e) => onChange({ ...value, changedSinceLastRun: e.target.checked })}
          />
          Only files changed since the last successful run
        </label>
      )}
    </fieldset>
  );
}

/** A size bound in MB as typed (empty: none). */
function MegabytesField(props: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <label>
      {props.label} <span className="hint">(empty: none)</span>
      <input type="number" min={0} step="any" value={props.value} onChange={(e) => props.onChange(e.target.value)} />
    </label>
  );
}
