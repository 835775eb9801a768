import type { StorageLocation, Transfer } from '@tcpa/contracts';
import { KIND_SHORT_NAMES } from '../storage/describe-location.ts';

type Side = 'source' | 'destination';
type Named = { id: string; name: string };

/** A location side as people name it: "Backups (S3) /photos/2026", or "Backups (S3)" for the whole location. */
export function locationSideName(location: Pick<StorageLocation, 'name' | 'kind'>, prefix: string | null): string {
  const named = `${location.name} (${KIND_SHORT_NAMES[location.kind]})`;
  const trimmed = prefix?.replace(/\/+$/, '') ?? '';
  return trimmed ? `${named} /${trimmed}` : named;
}

/**
 * Who or what a side of a transfer is: the agent's name, or the storage location's. Without the
 * location (deleted, or the person may not read storage) the store's own label stands for it.
 */
export function transferSideName(
  transfer: Transfer,
  side: Side,
  agents: readonly Named[] | undefined,
  locations: readonly StorageLocation[] | undefined,
): string {
  const agentId = side === 'source' ? transfer.sourceAgentId : transfer.destinationAgentId;
  if (agentId !== null) return agents?.find((agent) => agent.id === agentId)?.name ?? agentId.slice(0, 8);
  const locationId = side === 'source' ? transfer.sourceLocationId : transfer.destinationLocationId;
  const location = locations?.find((candidate) => candidate.id === locationId);
  if (location)
    return locationSideName(location, side === 'source' ? transfer.sourcePrefix : transfer.destinationPrefix);
  return transfer.storeLabel ?? 'a deleted storage location';
}
