import type { Job, JobScheduleInput, TransferMode } from '@tcpa/contracts';
import { DEFAULT_TRANSFER_OPTIONS, type TransferOptionsForm } from '../files/transfer-options-fields.tsx';
import {
  EMPTY_TRANSFER_SIDES_FORM,
  type TransferSidesForm,
  transferSidesBody,
} from '../transfers/transfer-sides-form.ts';
import { EMPTY_FILTERS_FORM, type FiltersForm, filtersFromForm, filtersToForm } from './filters-form.ts';

export interface ScheduleForm {
  /** Keeps each row's inputs its own while rows are added and removed. */
  key: number;
  kind: 'cron' | 'interval';
  cron: string;
  timeZone: string;
  everyMinutes: string;
}

export interface JobForm extends TransferOptionsForm {
  name: string;
  sides: TransferSidesForm;
  mode: TransferMode;
  filters: FiltersForm;
  overlap: Job['overlap'];
  enabled: boolean;
  schedules: ScheduleForm[];
}

let nextKey = 1;
export function newSchedule(timeZone: string, partial: Partial<ScheduleForm> = {}): ScheduleForm {
  return { key: nextKey++, kind: 'cron', cron: '0 2 * * *', timeZone, everyMinutes: '60', ...partial };
}

export function emptyJobForm(timeZone: string): JobForm {
  return {
    name: '',
    sides: EMPTY_TRANSFER_SIDES_FORM,
    mode: 'copy',
    ...DEFAULT_TRANSFER_OPTIONS,
    filters: EMPTY_FILTERS_FORM,
    overlap: 'skip',
    enabled: true,
    schedules: [newSchedule(timeZone)],
  };
}

export function jobToForm(job: Job): JobForm {
  return {
    name: job.name,
    sides: {
      sourceKind: job.sourceLocationId === null ? 'agent' : 'location',
      sourceAgentId: job.sourceAgentId ?? '',
      sourcePaths: (job.sourcePaths ?? []).join('\n'),
      sourceLocationId: job.sourceLocationId ?? '',
      sourcePrefix: job.sourcePrefix ?? '',
      destinationKind: job.destinationLocationId === null ? 'agent' : 'location',
      destinationAgentId: job.destinationAgentId ?? '',
      destinationDir: job.destinationDir ?? '',
      destinationLocationId: job.destinationLocationId ?? '',
      destinationPrefix: job.destinationPrefix ?? '',
    },
    mode: job.mode,
    overwrite: job.overwrite,
    symlinks: job.symlinks,
    filters: filtersToForm(job.filters),
    bandwidthMbps: job.bandwidthLimitBps === null ? '' : String(job.bandwidthLimitBps / 1_000_000),
    priority: job.priority,
    overlap: job.overlap,
    enabled: job.enabled,
    schedules: job.schedules.map((schedule) =>
      newSchedule(schedule.timeZone ?? 'UTC', {
        kind: schedule.kind,
        cron: schedule.cron ?? '0 2 * * *',
        everyMinutes: String(schedule.everyMinutes ?? 60),
      }),
    ),
  };
}

function scheduleInput(schedule: ScheduleForm, index: number): JobScheduleInput {
  if (schedule.kind === 'cron') return { kind: 'cron', cron: schedule.cron.trim(), timeZone: schedule.timeZone };
  const everyMinutes = Number(schedule.everyMinutes);
  if (!Number.isInteger(everyMinutes) || everyMinutes < 1)
    throw new Error(`Schedule ${index + 1}: "every N minutes" needs a whole number of minutes, 1 or more.`);
  return { kind: 'interval', everyMinutes };
}

/**
 * The body to create the job with (and to PATCH it: every field is sent, schedules replace the old
 * ones). Throws an Error worded for the person on what the form can tell before the server does.
 */
export function jobBodyFromForm(form: JobForm) {
  const name = form.name.trim();
  if (name === '') throw new Error('Give the job a name.');
  const sides = transferSidesBody(form.sides);
  if ('error' in sides) throw new Error(sides.error);
  const bandwidth = Number(form.bandwidthMbps);
  if (form.bandwidthMbps.trim() !== '' && !(bandwidth > 0))
    throw new Error('Bandwidth limit must be a number of Mbit/s above 0, or empty for none.');
  return {
    name,
    ...sides.body,
    // Sent blank too: on an update, a prefix left out would keep the old one.
    ...(sides.body.sourceLocationId && { sourcePrefix: sides.body.sourcePrefix ?? '' }),
    ...(sides.body.destinationLocationId && { destinationPrefix: sides.body.destinationPrefix ?? '' }),
    mode: form.mode,
    overwrite: form.overwrite,
    symlinks: form.symlinks,
    filters: filtersFromForm(form.filters),
    bandwidthLimitBps: bandwidth > 0 ? Math.round(bandwidth * 1_000_000) : null,
    priority: form.priority,
    overlap: form.overlap,
    enabled: form.enabled,
    schedules: form.schedules.map(scheduleInput),
  };
}
