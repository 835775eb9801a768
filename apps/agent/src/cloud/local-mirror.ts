import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TransferFileResult, TransferFilters } from '@tcpa/contracts';
import { deleteMirrorEntries, listMirrorDeletions, type MirrorDeletion } from '../transfer/mirror-deletions.ts';
import { type Destination, JOURNAL_PREFIX, lstatQuietly, PARTIAL_PREFIX } from '../transfer/safe-path.ts';
import { createTransferFilter } from '../transfer/transfer-filter.ts';
import type { ListedPaths } from './listed-paths.ts';

/**
 * Mirror out of a store, once every object arrived: deletes below the destination directory what
 * the listing did not hold (`present`: each key and the folders above it) (and the filters take), as a mirror between agents does
 * (mirror-deletions.ts: lstat walks, a link is deleted itself and never entered).
 */
export async function mirrorLocalDeletions(
  destination: Destination,
  present: ListedPaths,
  filters: TransferFilters | null,
): Promise<TransferFileResult[]> {
  const filter = createTransferFilter(filters);
  const names = (await readdir(destination.dir)).filter(
    (name) => !name.startsWith(PARTIAL_PREFIX) && !name.startsWith(JOURNAL_PREFIX),
  );
  // Folders are walked by listMirrorDeletions; entries at the top are judged here.
  const deletions: MirrorDeletion[] = [];
  for (const name of names) {
    const stats = lstatQuietly(join(destination.dir, name));
    if (!stats || stats.isDirectory() || present.has(name)) continue;
    const kind = stats.isSymbolicLink() ? 'symlink' : 'file';
    if (filter.decide({ path: name, kind, size: stats.size }, false) !== 'in') continue;
    deletions.push({ path: name, kind, size: stats.size });
  }
  const below = await listMirrorDeletions({
    dir: destination.dir,
    names: new Set(names),
    present,
    keep: new Set(),
    filters,
    offLimits: destination.offLimits,
  });
  const done = await deleteMirrorEntries(destination.dir, [...below, ...deletions]);
  return done.map((entry) => ({
    path: entry.path,
    size: entry.size,
    sha256: null,
    status: entry.error ? 'failed' : 'deleted',
    error: entry.error ? `could not delete it: ${entry.error}` : null,
  }));
}
