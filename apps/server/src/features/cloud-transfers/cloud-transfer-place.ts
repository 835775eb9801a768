import { transferRootOf } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';
import { CloudStoreError } from '../storage/cloud-store.ts';
import { objectKeyOf } from './cloud-keys.ts';

/** A running cloud transfer as its runner's requests need it: where its objects are, and what it may do there. */
export interface CloudTransferPlace {
  transferId: string;
  projectId: string;
  locationId: string;
  direction: 'upload' | 'download';
  mode: 'copy' | 'mirror' | 'move';
  /** The location's prefix and the transfer's: `''` or ending in `/`. */
  root: string;
}

interface PlaceRow {
  id: string;
  project_id: string;
  runner_agent_id: string;
  attempt_seq: number;
  state: string;
  location_id: string | null;
  transfer_prefix: string | null;
  location_prefix: string | null;
  direction: 'upload' | 'download';
  mode: CloudTransferPlace['mode'];
}

/**
 * The transfer if it runs on this agent with this attempt and one side is a location; else the
 * `stopped` error the agent acts on (it stops the attempt).
 */
export async function runningPlaceAsService(
  tx: Queryable,
  transferId: string,
  agentId: string,
  attempt: number,
): Promise<CloudTransferPlace> {
  const [row] = await tx.query<PlaceRow>(
    `select t.id, t.project_id, t.runner_agent_id, t.attempt_seq, t.state, t.mode,
       coalesce(t.source_location_id, t.destination_location_id) as location_id,
       coalesce(t.source_prefix, t.destination_prefix) as transfer_prefix,
       coalesce(l.settings ->> 'prefix', '') as location_prefix,
       case when t.source_agent_id is null then 'download' else 'upload' end as direction
     from transfers t
       left join storage_locations l on l.id = coalesce(t.source_location_id, t.destination_location_id)
     where t.id = $1`,
    [transferId],
  );
  const running = row && row.runner_agent_id === agentId && ['running', 'verifying'].includes(row.state);
  if (!row || !running || row.attempt_seq !== attempt) {
    throw new CloudStoreError(
      'stopped',
      `transfer ${transferId} attempt ${attempt} is not running on this agent: stop it`,
    );
  }
  if (row.location_id === null || row.transfer_prefix === null) {
    throw new CloudStoreError('invalid', `transfer ${transferId} has no storage location: it is between two agents`);
  }
  return {
    transferId,
    projectId: row.project_id,
    locationId: row.location_id,
    direction: row.direction,
    mode: row.mode,
    root: transferRootOf(row.location_prefix ?? '', row.transfer_prefix),
  };
}

/** Whole object keys for the agent's keys, in order; refused (`invalid`) if one would leave the transfer's root. */
export function objectKeysOf(place: CloudTransferPlace, keys: readonly string[]): string[] {
  return keys.map((key) => {
    const objectKey = objectKeyOf(place.root, key);
    if (objectKey === null) {
      throw new CloudStoreError('invalid', `key ${JSON.stringify(key.slice(0, 200))} leaves the transfer's prefix`);
    }
    return objectKey;
  });
}
