import { type Dirent, lstatSync, type Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import type { ManifestEntry } from '@tcpa/contracts/data-channel';
import { isInside } from './safe-path.ts';
import { TransferError } from './transfer-error.ts';

/** A manifest entry with where it is read from on this machine. */
export interface SourceEntry extends ManifestEntry {
  source: string;
}

export interface SkippedSource {
  path: string;
  reason: string;
}

const OFF_LIMITS = "the agent's own state or program folder, which transfers never read";

/**
 * Walks the given files and directories (absolute, inside `roots`) into manifest entries with
 * paths relative to each source's parent: `/data/photos` sends `photos/…`. Empty directories and
 * files are kept. Symlinks to files inside the roots are sent as files; others are skipped.
 * Nothing in `offLimits` (the agent's state folder and program) is read, whatever the roots say:
 * compared by real path, so a symlink to it is refused too, and a walk does not enter it.
 */
export async function collectSources(
  roots: readonly string[],
  paths: readonly string[],
  offLimits: readonly string[] = [],
): Promise<{ entries: SourceEntry[]; skipped: SkippedSource[] }> {
  const realRoots = await Promise.all(roots.map((root) => realpath(root).catch(() => undefined)));
  const allowed = realRoots.filter((root): root is string => Boolean(root));
  const insideRoots = (path: string) => allowed.some((root) => isInside(root, path));
  const guarded = await Promise.all(offLimits.map((path) => realpath(path).catch(() => path)));
  const isOffLimits = (real: string) => guarded.some((folder) => isInside(folder, real));
  const entries: SourceEntry[] = [];
  const skipped: SkippedSource[] = [];

  // `source` is a real path: the walk starts from real paths and resolves every symlink it follows.
  const visit = async (source: string, relative: string, stats: Awaited<ReturnType<typeof lstat>>) => {
    if (isOffLimits(source)) return skipped.push({ path: relative, reason: `refused: ${OFF_LIMITS}` });
    const add = (kind: 'file' | 'dir', size: number) =>
      entries.push({
        index: entries.length,
        path: relative,
        kind,
        size,
        mode: Number(stats.mode) & 0o7777,
        mtimeMs: Number(stats.mtimeMs),
        source,
      });
    if (stats.isSymbolicLink()) {
      const target = await realpath(source).catch(() => undefined);
      if (!target || !insideRoots(target)) return skipped.push({ path: relative, reason: 'symlink leaves the roots' });
      const targetStats = await stat(target);
      if (!targetStats.isFile()) return skipped.push({ path: relative, reason: 'symlink to a non-file not followed' });
      return visit(target, relative, targetStats);
    }
    if (stats.isFile()) return add('file', Number(stats.size));
    if (!stats.isDirectory()) return skipped.push({ path: relative, reason: 'not a regular file or directory' });
    add('dir', 0);
    const children: Dirent[] = await readdir(source, { withFileTypes: true });
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const childStats = await Promise.all(children.map((child) => lstat(join(source, child.name))));
    for (const [index, child] of children.entries()) {
      await visit(join(source, child.name), `${relative}/${child.name}`, childStats[index] as Stats);
    }
  };

  for (const path of paths) {
    if (!isAbsolute(path)) throw new TransferError('source_refused', `source path must be absolute: ${path}`);
    const real = await realpath(path).catch(() => undefined);
    if (!real) throw new TransferError('source_missing', `source not found: ${path}`);
    if (!insideRoots(real)) throw new TransferError('source_refused', `source is outside the agent roots: ${path}`);
    if (isOffLimits(real)) throw new TransferError('source_refused', `${path} is in ${OFF_LIMITS}`);
    await visit(real, basename(path), lstatSync(real));
  }
  return { entries, skipped };
}
