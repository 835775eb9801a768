import type { Job, StorageLocation } from '@tcpa/contracts';
import { locationSideName } from '../transfers/transfer-side-name.ts';

type Side = 'source' | 'destination';

/** Whether both sides are agents (a preview compares two agents' folders). */
export const betweenAgents = (job: Job) => job.sourceLocationId === null && job.destinationLocationId === null;

/** A location side as people name it; without the location (storage not readable) its prefix at least. */
function locationText(locationId: string, prefix: string | null, locations: readonly StorageLocation[] | undefined) {
  const location = locations?.find((candidate) => candidate.id === locationId);
  if (location) return locationSideName(location, prefix);
  return prefix ? `a storage location /${prefix.replace(/\/+$/, '')}` : 'a storage location';
}

/** What a side holds: "reports, logs" or "standby" (agent paths), or the location and prefix. */
export function jobSideWhat(job: Job, side: Side, locations: readonly StorageLocation[] | undefined): string {
  if (side === 'source')
    return job.sourceLocationId === null
      ? (job.sourcePaths ?? []).join(', ')
      : locationText(job.sourceLocationId, job.sourcePrefix, locations);
  return job.destinationLocationId === null
    ? (job.destinationDir ?? '')
    : locationText(job.destinationLocationId, job.destinationPrefix, locations);
}

/** A side with its agent: "nas-1: reports, logs", or the location and prefix. */
export function jobSideText(
  job: Job,
  side: Side,
  agentName: (id: string) => string,
  locations: readonly StorageLocation[] | undefined,
): string {
  const agentId = side === 'source' ? job.sourceAgentId : job.destinationAgentId;
  const what = jobSideWhat(job, side, locations);
  return agentId === null ? what : `${agentName(agentId)}: ${what}`;
}
