import { accessSync, constants, type Dirent, lstatSync, type Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { TransferFilters } from '@tcpa/contracts';
import type { ManifestEntry, SymlinkPolicy } from '@tcpa/contracts/data-channel';
import { isInside, lstatQuietly } from './safe-path.ts';
import { TransferError } from './transfer-error.ts';
import { createTransferFilter } from './transfer-filter.ts';

/** A manifest entry with where it is read from on this machine. */
export interface SourceEntry extends ManifestEntry {
  source: string;
}

/** An entry met in the walk and not sent, with the reason (listed in the transfer's files). */
export interface SkippedSource {
  path: string;
  reason: string;
}

const OFF_LIMITS = "the agent's own state or program folder, which transfers never read";

export interface CollectOptions {
  offLimits?: readonly string[];
  symlinks?: SymlinkPolicy;
  filters?: TransferFilters | null;
  /** Files modified at or before it (ms) are not listed; their paths come back in `unmodified` (a mirror keeps them). */
  modifiedAfterMs?: number | null;
  /**
   * Called with the entries listed so far, a page at a time (at most `pageSize`), while the walk
   * goes on: the manifest leaves as the tree is read. The walk waits for it (back-pressure).
   */
  onPage?: (entries: SourceEntry[]) => Promise<void>;
  pageSize?: number;
}

export interface CollectedSources {
  entries: SourceEntry[];
  skipped: SkippedSource[];
  unmodified: string[];
}

/**
 * Walks the given files and directories (absolute, inside `roots`) into manifest entries with
 * paths relative to each source's parent: `/data/photos` sends `photos/…`. Empty directories and
 * files are kept. Symlinks follow `symlinks` (see SymlinkPolicySchema); FIFOs, sockets and
 * devices are skipped. Every entry left out is in `skipped` with its reason.
 * Nothing in `offLimits` (the agent's state folder and program) is read, whatever the roots say:
 * compared by real path, so a symlink to it is refused too, and a walk does not enter it.
 * `filters` (TransferFiltersSchema) apply during the walk: what they leave out is not listed, not
 * even as skipped, and a folder they leave out is not entered.
 */
export async function collectSources(
  roots: readonly string[],
  paths: readonly string[],
  { offLimits = [], symlinks = 'preserve', filters, modifiedAfterMs, onPage, pageSize = 1000 }: CollectOptions = {},
): Promise<CollectedSources> {
  const realRoots = await Promise.all(roots.map((root) => realpath(root).catch(() => undefined)));
  const allowed = realRoots.filter((root): root is string => Boolean(root));
  const insideRoots = (path: string) => allowed.some((root) => isInside(root, path));
  const guarded = await Promise.all(offLimits.map((path) => realpath(path).catch(() => path)));
  const isOffLimits = (real: string) => guarded.some((folder) => isInside(folder, real));
  const entries: SourceEntry[] = [];
  const skipped: SkippedSource[] = [];
  const unmodified: string[] = [];
  let paged = 0;
  const flush = async (whenFull: boolean) => {
    while (onPage && entries.length - paged >= (whenFull ? pageSize : 1)) {
      const page = entries.slice(paged, paged + pageSize);
      paged += page.length;
      await onPage(page);
    }
  };
  const skip = (path: string, reason: string) => {
    skipped.push({ path, reason });
  };
  const filter = createTransferFilter(filters);
  // Folders entered but not yet sent: one goes into the manifest, before what it holds, only once
  // something below it is taken (a folder only on the way to nothing is left out).
  let pendingFolders: (() => void)[] = [];
  const sendPendingFolders = () => {
    const folders = pendingFolders;
    pendingFolders = [];
    for (const sendFolder of folders) sendFolder();
  };

  /**
   * `source` is a real path: the walk starts from real paths and resolves every symlink it follows.
   * `top`: the real path of the source path being sent; `ancestors`: real directories followed
   * into on the way here (a followed link back to one of them would loop). `parentIncluded`: the
   * folder it is in was taken by the filters' include patterns (see TransferFilter).
   */
  const visit = async (
    source: string,
    relativePath: string,
    stats: Stats,
    top: string,
    ancestors: Set<string>,
    parentIncluded: boolean,
  ) => {
    // The path the filters match: inside the source path, or a source file's own name.
    const named = !relativePath.includes('/');
    const filterPath = named ? relativePath : relativePath.slice(relativePath.indexOf('/') + 1);
    const decide = (kind: 'file' | 'dir' | 'symlink') =>
      named && kind === 'dir'
        ? filter.includesAll
          ? 'in'
          : 'walk'
        : filter.decide({ path: filterPath, kind, size: Number(stats.size) }, parentIncluded, named);
    if (isOffLimits(source)) return skip(relativePath, `refused: ${OFF_LIMITS}`);
    const addNow = (kind: ManifestEntry['kind'], size: number, target?: string) =>
      entries.push({
        index: entries.length,
        path: relativePath,
        kind,
        size,
        mode: Number(stats.mode) & 0o7777,
        mtimeMs: Number(stats.mtimeMs),
        ...(target ? { target } : {}),
        source,
      });
    const add = (kind: ManifestEntry['kind'], size: number, target?: string) => {
      sendPendingFolders();
      addNow(kind, size, target);
    };
    if (stats.isSymbolicLink()) {
      // A followed link is filtered as what it points to, once followed.
      if (symlinks !== 'follow' && decide('symlink') === 'out') return;
      if (symlinks === 'skip') return skip(relativePath, 'skipped: a symlink (the transfer skips symlinks)');
      const target = await realpath(source).catch(() => undefined);
      if (!target) return skip(relativePath, 'skipped: a symlink whose target does not exist');
      if (isOffLimits(target)) return skip(relativePath, `refused: ${OFF_LIMITS}`);
      if (symlinks === 'preserve') {
        if (!isInside(top, target)) {
          return skip(relativePath, 'skipped: a symlink whose target is outside the folder sent (it is not preserved)');
        }
        const linkText = relative(dirname(join(top, relativeWithin(relativePath))), target);
        return add('symlink', 0, linkText === '' ? '.' : linkText.split(sep).join('/'));
      }
      if (!insideRoots(target))
        return skip(relativePath, "refused: a symlink whose target is outside the agent's roots");
      if (isOffLimits(target)) return skip(relativePath, `refused: ${OFF_LIMITS}`);
      if (ancestors.has(target)) return skip(relativePath, 'skipped: a symlink to a folder it is in (a loop)');
      const targetStats = await stat(target).catch(() => undefined);
      if (!targetStats) return skip(relativePath, 'skipped: a symlink whose target cannot be read');
      return visit(target, relativePath, targetStats, top, ancestors, parentIncluded);
    }
    if (stats.isFile()) {
      if (decide('file') === 'out') return;
      if (!isReadable(source, stats)) return skip(relativePath, 'skipped: a file this agent may not read');
      if (modifiedAfterMs !== null && modifiedAfterMs !== undefined && Number(stats.mtimeMs) <= modifiedAfterMs) {
        unmodified.push(relativePath);
        return;
      }
      return add('file', Number(stats.size));
    }
    if (!stats.isDirectory()) {
      if (decide('file') === 'out') return;
      return skip(relativePath, `skipped: ${specialKind(stats)}, not a regular file or folder`);
    }
    const decision = decide('dir');
    if (decision === 'out') return;
    const children: Dirent[] | undefined = await readdir(source, { withFileTypes: true }).catch(() => undefined);
    if (!children) return skip(relativePath, 'skipped: a folder that cannot be read');
    const sendFolder = () => addNow('dir', 0);
    if (decision === 'in') add('dir', 0);
    else pendingFolders.push(sendFolder);
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const inside = new Set(ancestors).add(source);
    for (const child of children) {
      const childStat = lstatQuietly(join(source, child.name));
      const childPath = `${relativePath}/${child.name}`;
      await flush(true);
      if (!childStat) skip(childPath, 'skipped: vanished or cannot be read');
      else await visit(join(source, child.name), childPath, childStat, top, inside, decision === 'in');
    }
    // Nothing below it was taken: it was never sent.
    if (pendingFolders.at(-1) === sendFolder) pendingFolders.pop();
  };

  // A symlink's text is written relative to where the link sits in the folder sent.
  const relativeWithin = (relativePath: string) => relativePath.split('/').slice(1).join(sep);

  for (const path of paths) {
    if (!isAbsolute(path)) throw new TransferError('source_refused', `source path must be absolute: ${path}`);
    const real = await realpath(path).catch(() => undefined);
    if (!real) throw new TransferError('source_missing', `source not found: ${path}`);
    if (!insideRoots(real)) throw new TransferError('source_refused', `source is outside the agent roots: ${path}`);
    if (isOffLimits(real)) throw new TransferError('source_refused', `${path} is in ${OFF_LIMITS}`);
    await visit(real, basename(path), lstatSync(real), real, new Set(), false);
  }
  await flush(false);
  return { entries, skipped, unmodified };
}

/** The user and groups this process reads files as (for the mode bits' classes); asked once, not per file. */
const ownUid = process.geteuid?.();
const ownGroups = new Set(process.getgroups?.() ?? []);
if (process.getegid) ownGroups.add(process.getegid());

/**
 * From the mode bits the walk's lstat gave: no syscall per file, as rsync does (root reads
 * anything). access() only when they say no (an ACL may still allow); an ACL, or a root-squashing
 * network share, denying what they allow shows as a failed file when it is opened.
 */
function isReadable(path: string, stats: Stats): boolean {
  const uid = ownUid;
  if (uid === 0) return true;
  if (uid !== undefined) {
    const mode = Number(stats.mode);
    const bit = Number(stats.uid) === uid ? 0o400 : ownGroups.has(Number(stats.gid)) ? 0o040 : 0o004;
    if ((mode & bit) !== 0) return true;
  }
  // Synchronous: one access() of microseconds costs less than a thread-pool round trip.
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** What a special file is, in words for the file list. */
function specialKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'a special file';
}
