import type { Job, StorageLocation } from '@tcpa/contracts';
import { formatBytes, formatRate, formatTime } from '../ui/format.ts';
import { checkCron } from './cron-schedule.ts';
import { jobSideText } from './job-sides.ts';
import { MODE_NAMES, MODE_WARNINGS } from './mode-field.tsx';

function describeSchedule(schedule: Job['schedules'][number]): string {
  if (schedule.kind === 'interval')
    return schedule.everyMinutes === 1 ? 'Every minute' : `Every ${schedule.everyMinutes} minutes`;
  const check = checkCron(schedule.cron ?? '', schedule.timeZone ?? 'UTC', 1);
  const words = check.ok ? check.description : (schedule.cron ?? '');
  return `${words} (${schedule.cron}, ${schedule.timeZone})`;
}

function describeFilters(filters: Job['filters']): string[] {
  if (!filters) return ['Every file'];
  const parts: string[] = [];
  if (filters.include?.length) parts.push(`Include ${filters.include.join(', ')}`);
  if (filters.exclude?.length) parts.push(`Exclude ${filters.exclude.join(', ')}`);
  if (filters.minSizeBytes !== undefined) parts.push(`At least ${formatBytes(filters.minSizeBytes)}`);
  if (filters.maxSizeBytes !== undefined) parts.push(`At most ${formatBytes(filters.maxSizeBytes)}`);
  if (filters.skipHidden) parts.push('Hidden files skipped');
  if (filters.changedSinceLastRun) parts.push('Only files changed since the last successful run');
  return parts.length > 0 ? parts : ['Every file'];
}

/** A job's settings as a person reads them. */
export function JobSettings({
  job,
  agentName,
  locations,
}: {
  job: Job;
  agentName: (id: string) => string;
  locations: readonly StorageLocation[] | undefined;
}) {
  const warning = MODE_WARNINGS[job.mode];
  return (
    <dl className="facts card">
      <dt>From</dt>
      <dd>{jobSideText(job, 'source', agentName, locations)}</dd>
      <dt>To</dt>
      <dd>{jobSideText(job, 'destination', agentName, locations)}</dd>
      <dt>Mode</dt>
      <dd>
        {MODE_NAMES[job.mode]}
        {warning && <span className="sub warning-text">{warning}</span>}
      </dd>
      <dt>Filters</dt>
      <dd>{describeFilters(job.filters).join(' · ')}</dd>
      <dt>Schedules</dt>
      <dd>{job.schedules.length === 0 ? 'None: Run now only' : job.schedules.map(describeSchedule).join('; ')}</dd>
      <dt>Next runs</dt>
      <dd>
        {job.nextFireTimes.length === 0 ? (
          '—'
        ) : (
          <ol className="fire-times">
            {job.nextFireTimes.slice(0, 3).map((time) => (
              <li key={time}>{formatTime(time)}</li>
            ))}
          </ol>
        )}
      </dd>
      <dt>Overlap</dt>
      <dd>
        {
          { skip: 'Skip a run while the previous one goes on', queue: 'Queue one run', parallel: 'Run in parallel' }[
            job.overlap
          ]
        }
      </dd>
      <dt>Options</dt>
      <dd>
        {job.overwrite.replace('_', ' ')}, symlinks {job.symlinks}, priority {job.priority}, bandwidth{' '}
        {job.bandwidthLimitBps === null ? 'unlimited' : formatRate(job.bandwidthLimitBps)}
      </dd>
    </dl>
  );
}
