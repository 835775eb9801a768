import type { Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type FileEntry, type FileList, LIST_FILES_MAX_BYTES, type ListFilesArgs } from '@tcpa/contracts';
import { isInside, NO_ROOT_HINT, parseRelativePath, UnsafePathError } from '../transfer/safe-path.ts';

const OFF_LIMITS = "the agent's own state or program folder, which transfers never read";

/** Where an agent lists: its served roots (paths name the first, as transfers do) and its own folders. */
export interface ListingScope {
  roots: readonly string[];
  offLimits: readonly string[];
}

/**
 * One page of a directory inside the agent's roots, sorted by name. The path is checked as the
 * data channel checks paths (relative, no `..`, no control characters, no reserved names) and
 * resolved to its real path, which must be inside a root and outside the agent's own folders:
 * a symlink on the way that leaves them is refused. Entries are read with lstat, so symlinks are
 * listed as symlinks and never followed.
 */
export async function listDirectory(scope: ListingScope, args: Omit<ListFilesArgs, 'requestId'>): Promise<FileList> {
  const dir = await resolveListedDirectory(scope, args.path);
  const names = (await readdir(dir).catch((error: NodeJS.ErrnoException) => refuseUnreadable(error, args.path)))
    .filter((name) => args.cursor === null || name > args.cursor)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const page = names.slice(0, args.limit);
  const stats = await Promise.all(page.map((name) => lstat(join(dir, name)).catch(() => undefined)));
  const entries: FileEntry[] = [];
  let bytes = 0;
  let last: string | null = null;
  for (const [index, name] of page.entries()) {
    const entryStats = stats[index];
    if (entryStats) {
      const entry = toEntry(name, entryStats);
      bytes += Buffer.byteLength(JSON.stringify(entry)) + 1;
      if (bytes > LIST_FILES_MAX_BYTES) break;
      entries.push(entry);
    } // else it vanished since readdir
    last = name;
  }
  const more = last !== null && names.at(-1) !== last;
  return { path: args.path, entries, nextCursor: more ? last : null };
}

async function resolveListedDirectory(scope: ListingScope, path: string): Promise<string> {
  const first = scope.roots[0];
  if (!first) throw new UnsafePathError(`this agent has no transfer root: ${NO_ROOT_HINT}`);
  const named = path === '' ? first : join(first, ...parseRelativePath(path));
  const real = await realpath(named).catch((error: NodeJS.ErrnoException) => refuseUnreadable(error, path));
  const roots = await Promise.all(scope.roots.map((root) => realpath(root).catch(() => undefined)));
  if (!roots.some((root) => root !== undefined && isInside(root, real))) {
    throw new UnsafePathError(`refused: ${JSON.stringify(path)} leads outside the agent roots (through a symlink)`);
  }
  const guarded = await Promise.all(scope.offLimits.map((folder) => realpath(folder).catch(() => folder)));
  if (guarded.some((folder) => isInside(folder, real))) {
    throw new UnsafePathError(`refused: ${JSON.stringify(path)} is in ${OFF_LIMITS}`);
  }
  if (!(await stat(real)).isDirectory()) throw new UnsafePathError(`not a directory: ${JSON.stringify(path)}`);
  return real;
}

function refuseUnreadable(error: NodeJS.ErrnoException, path: string): never {
  const shown = JSON.stringify(path.slice(0, 200));
  if (error.code === 'ENOENT') throw new UnsafePathError(`no such directory: ${shown}`);
  if (error.code === 'ENOTDIR') throw new UnsafePathError(`not a directory: ${shown}`);
  if (error.code === 'EACCES' || error.code === 'EPERM') {
    throw new UnsafePathError(`this agent may not read ${shown}`);
  }
  throw error;
}

function toEntry(name: string, stats: Stats): FileEntry {
  const type = stats.isSymbolicLink()
    ? 'symlink'
    : stats.isDirectory()
      ? 'directory'
      : stats.isFile()
        ? 'file'
        : 'other';
  return {
    name,
    type,
    size: type === 'file' ? Number(stats.size) : 0,
    mtime: new Date(Math.round(Number(stats.mtimeMs))).toISOString(),
  };
}
