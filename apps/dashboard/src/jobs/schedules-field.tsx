import { useMemo } from 'react';
import { checkCron, formatInZone, timeZones } from './cron-schedule.ts';
import { newSchedule, type ScheduleForm } from './job-form.ts';

const MAX_SCHEDULES = 10;

function CronPreview({ schedule }: { schedule: ScheduleForm }) {
  const check = checkCron(schedule.cron, schedule.timeZone);
  if (!check.ok)
    return (
      <p className="form-error" role="status">
        {check.error}
      </p>
    );
  return (
    <div role="status" aria-live="polite">
      <p className="cron-description">{check.description}</p>
      <p className="hint">Next firings:</p>
      <ol className="fire-times hint" aria-label="Next firings">
        {check.nextFireTimes.map((time) => (
          <li key={time.getTime()}>{formatInZone(time, schedule.timeZone)}</li>
        ))}
      </ol>
    </div>
  );
}

function ScheduleRow(props: {
  index: number;
  schedule: ScheduleForm;
  zones: string[];
  onChange: (schedule: ScheduleForm) => void;
  onRemove: () => void;
}) {
  const { schedule, onChange, index } = props;
  const n = index + 1;
  return (
    <li className="schedule-row">
      <label>
        Schedule {n}
        <select
          value={schedule.kind}
          onChange={(e) => onChange({ ...schedule, kind: e.target.value as ScheduleForm['kind'] })}
        >
          <option value="cron">Cron expression</option>
          <option value="interval">Every N minutes</option>
        </select>
      </label>
      {schedule.kind === 'cron' ? (
        <>
          <label>
            Cron {n} <span className="hint">(minute hour day month weekday)</span>
            <input
              value={schedule.cron}
              spellCheck={false}
              onChange={(e) => onChange({ ...schedule, cron: e.target.value })}
            />
          </label>
          <label>
            Time zone {n}
            <select value={schedule.timeZone} onChange={(e) => onChange({ ...schedule, timeZone: e.target.value })}>
              {props.zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          </label>
          <CronPreview schedule={schedule} />
        </>
      ) : (
        <label>
          Every how many minutes ({n})
          <input
            type="number"
            min={1}
            step={1}
            value={schedule.everyMinutes}
            onChange={(e) => onChange({ ...schedule, everyMinutes: e.target.value })}
          />
        </label>
      )}
      <div>
        <button type="button" className="secondary small" onClick={props.onRemove}>
          Remove schedule {n}
        </button>
      </div>
    </li>
  );
}

/** The job's schedules: none (Run now only), or up to ten, each cron in a time zone or every N minutes. */
export function SchedulesField(props: {
  schedules: ScheduleForm[];
  defaultTimeZone: string;
  onChange: (schedules: ScheduleForm[]) => void;
}) {
  const zones = useMemo(timeZones, []);
  const { schedules, onChange } = props;
  return (
    <fieldset className="form-wide">
      <legend>Schedules</legend>
      {schedules.length === 0 && <p className="hint">No schedule: the job runs only when you press Run now.</p>}
      <ul className="plain-list schedules">
        {schedules.map((schedule, index) => (
          <ScheduleRow
            key={schedule.key}
            index={index}
            schedule={schedule}
            zones={zones.includes(schedule.timeZone) ? zones : [schedule.timeZone, ...zones]}
            onChange={(changed) => onChange(schedules.map((s) => (s.key === schedule.key ? changed : s)))}
            onRemove={() => onChange(schedules.filter((s) => s.key !== schedule.key))}
          />
        ))}
      </ul>
      {schedules.length < MAX_SCHEDULES && (
        <button
          type="button"
          className="secondary small"
          onClick={() => onChange([...schedules, newSchedule(props.defaultTimeZone)])}
        >
          Add a schedule
        </button>
      )}
    </fieldset>
  );
}
