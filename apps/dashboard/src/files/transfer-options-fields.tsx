import type { Job } from '@tcpa/contracts';

/** The options a transfer and a job share, as the form holds them. */
export interface TransferOptionsForm {
  overwrite: Job['overwrite'];
  symlinks: Job['symlinks'];
  /** Mbit/s as typed; empty: no limit. */
  bandwidthMbps: string;
  priority: number;
}

export const DEFAULT_TRANSFER_OPTIONS: TransferOptionsForm = {
  overwrite: 'skip_identical',
  symlinks: 'preserve',
  bandwidthMbps: '',
  priority: 5,
};

/** Overwrite policy, symlinks, bandwidth limit and priority: the New transfer form's and the job editor's. */
export function TransferOptionsFields(props: {
  value: TransferOptionsForm;
  onChange: (change: Partial<TransferOptionsForm>) => void;
}) {
  const { value, onChange } = props;
  return (
    <>
      <label>
        When a file exists
        <select
          value={value.overwrite}
          onChange={(e) => onChange({ overwrite: e.target.value as TransferOptionsForm['overwrite'] })}
        >
          <option value="skip_identical">Skip identical files, replace others</option>
          <option value="overwrite">Always overwrite</option>
          <option value="keep_both">Keep both</option>
        </select>
      </label>
      <label>
        Symlinks
        <select
          value={value.symlinks}
          onChange={(e) => onChange({ symlinks: e.target.value as TransferOptionsForm['symlinks'] })}
        >
          <option value="preserve">Keep as links (those pointing inside the folder sent)</option>
          <option value="follow">Copy what they point to (never outside the agent's folders)</option>
          <option value="skip">Leave them out</option>
        </select>
      </label>
      <label>
        Bandwidth limit, Mbit/s <span className="hint">(empty: none)</span>
        <input
          type="number"
          min={0}
          step="any"
          value={value.bandwidthMbps}
          onChange={(e) => onChange({ bandwidthMbps: e.target.value })}
        />
      </label>
      <label>
        Priority <span className="hint">(0 low – 9 high)</span>
        <input
          type="number"
          min={0}
          max={9}
          value={value.priority}
          onChange={(e) => onChange({ priority: Number(e.target.value) })}
        />
      </label>
    </>
  );
}
