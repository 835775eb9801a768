import type { TransferMode } from '@tcpa/contracts';

export const MODE_WARNINGS: Record<TransferMode, string | null> = {
  copy: null,
  mirror: 'Files in the destination folder that are not in the source will be deleted.',
  move: 'Source files are deleted once they arrive and are verified.',
};

export const MODE_NAMES: Record<TransferMode, string> = {
  copy: 'Copy',
  mirror: 'Mirror',
  move: 'Move',
};

/** Copy, mirror or move, with what mirror and move delete said plainly beside the choice. */
export function ModeField(props: { value: TransferMode; onChange: (mode: TransferMode) => void }) {
  const warning = MODE_WARNINGS[props.value];
  return (
    <div>
      <label>
        Mode
        <select value={props.value} onChange={(e) => props.onChange(e.target.value as TransferMode)}>
          <option value="copy">Copy: add and update files at the destination</option>
          <option value="mirror">Mirror: make the destination folder identical to the source</option>
          <option value="move">Move: copy, then delete the source files</option>
        </select>
      </label>
      {warning && (
        <p className="warning-text" role="note">
          Warning: {warning}
        </p>
      )}
    </div>
  );
}
