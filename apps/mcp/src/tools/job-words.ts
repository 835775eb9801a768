import type { Job, JobRun } from '@tcpa/contracts';
import { formatBytes } from './format.ts';
import { describeFilters } from './transfer-tools.ts';

type Schedule = Job['schedules'][number];

/** "cron 0 2 * * * (Europe/Berlin)" or "every 15 min". */
export function describeSchedule(schedule: Schedule): string {
  return schedule.kind === 'cron'
    ? `cron ${schedule.cron} (${schedule.timeZone})`
    : `every ${schedule.everyMinutes} min`;
}

const locationWords = (id: string, prefix: string | null) =>
  `storage location ${id}${prefix ? ` under "${prefix}"` : ''}`;

/** `reports, logs on agent …`, or `storage location … under "daily/"`. */
export function describeJobSource(job: Job): string {
  return job.sourceLocationId !== null
    ? locationWords(job.sourceLocationId, job.sourcePrefix)
    : `${(job.sourcePaths ?? []).join(', ')} on agent ${job.sourceAgentId}`;
}

/** `"standby" on agent …`, or `storage location … under "backups/"`. */
export function describeJobDestination(job: Job): string {
  return job.destinationLocationId !== null
    ? locationWords(job.destinationLocationId, job.destinationPrefix)
    : `"${job.destinationDir}" on agent ${job.destinationAgentId}`;
}

export function describeJob(job: Job): string {
  const schedules = job.schedules.length ? job.schedules.map(describeSchedule).join(', ') : 'manual only';
  const next = job.nextFireTimes.length ? `next ${job.nextFireTimes.slice(0, 3).join(', ')}` : 'no firing planned';
  const changed = job.filters?.changedSinceLastRun ? '; only files changed since the last successful run' : '';
  const last = job.lastRun ? `last run ${describeRun(job.lastRun)}` : 'never run';
  return `${job.id} "${job.name}": ${job.mode} ${describeJobSource(job)} to ${describeJobDestination(job)}${describeFilters(job.filters)}${changed}; ${job.enabled ? 'enabled' : 'disabled'}; ${schedules}; ${next}; overlap ${job.overlap}; ${last}`;
}

/** "2026-…: succeeded (schedule), transfer …; 3 files (1 KiB) copied, 2 deleted in 4 s" */
export function describeRun(run: JobRun): string {
  const reason = run.reason ? ` (${run.reason})` : '';
  const transfer = run.transferId ? `, transfer ${run.transferId}` : '';
  const figures =
    run.filesCopied !== null
      ? `; ${run.filesCopied} file(s) (${formatBytes(run.bytesCopied)}) copied, ${run.filesDeleted ?? 0} deleted in ${run.durationSeconds ?? '?'} s`
      : '';
  return `${run.fireTime}: ${run.status}${reason} (${run.trigger})${transfer}${figures}`;
}
