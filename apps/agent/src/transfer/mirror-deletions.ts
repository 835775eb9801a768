import type { Stats } from 'node:fs';
import { lstat, readdir, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { TransferFilters } from '@tcpa/contracts';
import { FrameError } from './frame-codec.ts';
import { describeIoError } from './io-error.ts';
import { isInside, JOURNAL_PREFIX, lstatQuietly, PARTIAL_PREFIX, UnsafePathError } from './safe-path.ts';
import { createTransferFilter, type TransferFilter } from './transfer-filter.ts';

/** One entry a mirror deletes below the destination directory (path relative to it, `/`-separated). */
export interface MirrorDeletion {
  path: string;
  kind: 'file' | 'dir' | 'symlink';
  size: number;
  /** Deleting it failed: why (it stays). */
  error?: string;
}

export interface MirrorScope {
  /** The destination directory (a real path resolveDestinationDir checked). */
  dir: string;
  /** The top-level names the transfer token allows in `dir`. */
  names: ReadonlySet<string>;
  /** Paths of the manifest (relative to `dir`): present at the source. */
  present: { has(path: string): boolean };
  /** Paths the source holds without sending them (`keep` frames): kept with all below them. */
  keep: ReadonlySet<string>;
  /** The source's filters: what they leave out is kept, as the source never looked at it. */
  filters?: TransferFilters | null;
  /** Real paths of folders never entered (the agent's state and program). */
  offLimits?: readonly string[];
}

/** A mirror of millions of extra entries is refused rather than held in memory. */
const MAX_DELETIONS = 1_000_000;

/**
 * What a mirror deletes: below each folder the token allows, every entry the manifest does not
 * name and nothing protects, deepest first (a folder after what it holds, and only when all it
 * holds goes). Walked with lstat: a symlink is an entry to delete, never a way in.
 */
export async function listMirrorDeletions(scope: MirrorScope): Promise<MirrorDeletion[]> {
  const filter = createTransferFilter(scope.filters);
  const deletions: MirrorDeletion[] = [];
  for (const name of scope.names) {
    const top = await lstat(join(scope.dir, name)).catch(() => undefined);
    if (top?.isDirectory()) await walkFolder(scope, filter, name, false, deletions);
  }
  return deletions;
}

/** Lists what goes below `path` (a real folder); true when all of it goes (so may the folder). */
async function walkFolder(
  scope: MirrorScope,
  filter: TransferFilter,
  path: string,
  included: boolean,
  deletions: MirrorDeletion[],
): Promise<boolean> {
  const absolute = join(scope.dir, path);
  if ((scope.offLimits ?? []).some((folder) => isInside(folder, absolute))) return false;
  const names = await readdir(absolute).catch(() => undefined);
  if (!names) return false;
  let emptied = true;
  for (const name of names.sort()) {
    // A partial file or journal belongs to a transfer's resume, not to the mirror.
    if (name.startsWith(PARTIAL_PREFIX) || name.startsWith(JOURNAL_PREFIX)) {
      emptied = false;
      continue;
    }
    const childPath = `${path}/${name}`;
    const stats = lstatQuietly(join(scope.dir, childPath));
    if (!stats || scope.keep.has(childPath)) {
      emptied = false;
      continue;
    }
    const kind = kindOf(stats);
    const decision = filter.decide(
      { path: childPath.slice(childPath.indexOf('/') + 1), kind, size: stats.size },
      included,
    );
    if (decision === 'out') {
      emptied = false;
      continue;
    }
    const present = scope.present.has(childPath);
    if (kind === 'dir') {
      const allGone = await walkFolder(scope, filter, childPath, included || decision === 'in', deletions);
      if (present || !allGone) emptied = false;
      else addDeletion(deletions, { path: childPath, kind, size: 0 });
      continue;
    }
    if (present) emptied = false;
    else addDeletion(deletions, { path: childPath, kind, size: kind === 'file' ? stats.size : 0 });
  }
  return emptied;
}

function addDeletion(deletions: MirrorDeletion[], deletion: MirrorDeletion): void {
  if (deletions.length >= MAX_DELETIONS) {
    throw new FrameError('mirror_too_large', `a mirror may delete at most ${MAX_DELETIONS} entries at once`);
  }
  deletions.push(deletion);
}

function kindOf(stats: Stats): MirrorDeletion['kind'] {
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isDirectory()) return 'dir';
  return 'file'; // FIFOs, sockets and devices go as files do
}

/**
 * Deletes the listed entries in order. Each one first re-checks with lstat that every folder on
 * the way below `dir` is still a real folder (a link swapped in since the walk would lead out),
 * and that the entry is still of its kind. A failure is recorded on the entry; the rest go on.
 */
export async function deleteMirrorEntries(dir: string, deletions: MirrorDeletion[]): Promise<MirrorDeletion[]> {
  for (const deletion of deletions) {
    try {
      await refuseLinksOnTheWay(dir, deletion.path);
      const stats = await lstat(join(dir, deletion.path));
      if (kindOf(stats) !== deletion.kind) throw new UnsafePathError('it changed since the destination was listed');
      if (deletion.kind === 'dir') await rmdir(join(dir, deletion.path));
      else await unlink(join(dir, deletion.path)); // unlink removes a link itself, never its target
    } catch (error) {
      deletion.error = error instanceof UnsafePathError ? error.message : describeIoError(error);
    }
  }
  return deletions;
}

async function refuseLinksOnTheWay(dir: string, path: string): Promise<void> {
  const parts = path.split('/');
  let current = dir;
  for (const part of parts.slice(0, -1)) {
    current = join(current, part);
    const stats = await lstat(current);
    if (!stats.isDirectory()) throw new UnsafePathError(`refused: ${part} on the way is no longer a folder`);
  }
}
