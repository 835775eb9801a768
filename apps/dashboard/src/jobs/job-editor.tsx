import type { Job, StorageLocation } from '@tcpa/contracts';
import { type FormEvent, useState } from 'react';
import { SidesAgentsNeeded } from '../files/approved-agents.tsx';
import { FiltersFields } from '../files/filters-fields.tsx';
import { TransferOptionsFields } from '../files/transfer-options-fields.tsx';
import { TransferSidesFields } from '../transfers/transfer-sides-fields.tsx';
import { ServerError } from '../ui/server-error.tsx';
import { emptyJobForm, type JobForm, jobBodyFromForm, jobToForm } from './job-form.ts';
import { ModeField } from './mode-field.tsx';
import { SchedulesField } from './schedules-field.tsx';

const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * The job editor, for a new job (`job` absent) and an existing one. `save` gets the whole body;
 * what it throws (the server's 400 with field details, 402 plan_limit) is shown beside the form.
 */
export function JobEditor(props: {
  projectId: string;
  agents: ReadonlyArray<{ id: string; name: string; online: boolean }>;
  /** Undefined: the person may not read storage, and both sides are agents. */
  locations: readonly StorageLocation[] | undefined;
  job?: Job;
  submitLabel: string;
  save: (body: ReturnType<typeof jobBodyFromForm>) => Promise<unknown>;
}) {
  const [form, setForm] = useState<JobForm>(() => (props.job ? jobToForm(props.job) : emptyJobForm(browserTimeZone())));
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const set = (change: Partial<JobForm>) => setForm((before) => ({ ...before, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setPending(true);
    try {
      await props.save(jobBodyFromForm(form));
    } catch (error) {
      setFailure(error);
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="card form-grid" onSubmit={submit} aria-label="Job">
      <label>
        Name
        <input
          required
          value={form.name}
          onChange={(e) => set({ name: e.target.value })}
          placeholder="Nightly export"
        />
      </label>
      <ModeField value={form.mode} onChange={(mode) => set({ mode })} />
      <SidesAgentsNeeded what="job" sides={form.sides} approved={props.agents.length} />
      <TransferSidesFields
        projectId={props.projectId}
        agents={props.agents}
        locations={props.locations}
        value={form.sides}
        onChange={(sides) => set({ sides })}
      />
      <FiltersFields value={form.filters} onChange={(filters) => set({ filters })} forJob />
      <SchedulesField
        schedules={form.schedules}
        defaultTimeZone={browserTimeZone()}
        onChange={(schedules) => set({ schedules })}
      />
      <label>
        If the previous run is still going
        <select value={form.overlap} onChange={(e) => set({ overlap: e.target.value as JobForm['overlap'] })}>
          <option value="skip">Skip this run (recorded with the reason)</option>
          <option value="queue">Queue it (at most one waiting)</option>
          <option value="parallel">Run both at once</option>
        </select>
      </label>
      <TransferOptionsFields value={form} onChange={set} />
      <label className="switch-label">
        <input type="checkbox" checked={form.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
        Enabled (its schedules fire)
      </label>
      <div className="form-wide">
        <ServerError error={failure} />
        <button type="submit" disabled={pending}>
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}
