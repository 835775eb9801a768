import { lstatSync, type Stats } from 'node:fs';
import { lstat, mkdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { MAX_PATH_BYTES } from '@tcpa/contracts/data-channel';

/** A path from the wire that may not be written, with the reason. */
export class UnsafePathError extends Error {
  readonly code = 'unsafe_path';
}

const MAX_NAME_BYTES = 255;
/** Names of a file being received (see `partialPaths`): short whatever the file's name, so within NAME_MAX. */
export const PARTIAL_PREFIX = '.tcpa-part-';
export const JOURNAL_PREFIX = '.tcpa-journal-';

/**
 * Checks a relative path from the wire and returns its components. Refuses what could leave
 * the destination or that the target cannot hold, whatever the sender's platform allows.
 */
export function parseRelativePath(path: string): string[] {
  if (path.length === 0) throw new UnsafePathError('empty path');
  if (path.includes('\0')) throw new UnsafePathError('path contains a NUL byte');
  if (Buffer.byteLength(path) > MAX_PATH_BYTES) throw new UnsafePathError('path too long');
  if (isAbsolute(path) || path.startsWith('\\') || /^[a-zA-Z]:/.test(path)) {
    throw new UnsafePathError(`absolute path refused: ${printable(path)}`);
  }
  if (path.includes('\\')) throw new UnsafePathError(`backslash in path refused: ${printable(path)}`);
  const parts = path.split('/');
  for (const part of parts) {
    if (part === '') throw new UnsafePathError(`empty path component in ${printable(path)}`);
    if (part === '.' || part === '..') throw new UnsafePathError(`"${part}" in path refused: ${printable(path)}`);
    if (Buffer.byteLength(part) > MAX_NAME_BYTES) throw new UnsafePathError('path component longer than 255 bytes');
    // Tabs and line breaks are in real names (macOS's `Icon\r`); other control characters (escape,
    // bell) are not, and would drive a terminal that prints the name.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(part)) {
      throw new UnsafePathError(`control character in path refused: ${printable(path)}`);
    }
    if (part.startsWith(PARTIAL_PREFIX) || part.startsWith(JOURNAL_PREFIX)) {
      throw new UnsafePathError(`reserved name refused: ${printable(part)}`);
    }
  }
  return parts;
}

function printable(path: string): string {
  return JSON.stringify(path.slice(0, 200));
}

/**
 * lstat, synchronously, undefined for an entry that vanished or cannot be read. For walks of many
 * entries one after another: a few microseconds each, where a thread-pool round trip costs tens.
 */
export function lstatQuietly(path: string): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** Why a transfer cannot use this agent: it was given no folder to work in. */
export const NO_ROOT_HINT =
  "add one on that machine with `tcpa-agent roots add DIR` (a folder that does not hold the agent's own files), then restart the agent";

/** Where a transfer writes: a configured root, a directory under it, and the folders it may never enter. */
export interface Destination {
  root: string;
  dir: string;
  /** Real paths of folders no write may enter whatever the roots say (the agent's state and program). */
  offLimits: readonly string[];
}

/**
 * The real path of the configured root that contains `dir`, or an error naming why not.
 * `offLimits`: folders never written into, even under a root (the agent's state folder and program).
 */
export async function resolveDestinationDir(
  roots: readonly string[],
  dir: string,
  offLimits: readonly string[] = [],
): Promise<Destination> {
  if (roots.length === 0) throw new UnsafePathError(`the destination agent has no transfer root: ${NO_ROOT_HINT}`);
  if (!isAbsolute(dir)) {
    // The control plane names directories relative to the agent's roots: the first root.
    const first = roots[0] as string;
    return resolveDestinationDir([first], join(first, ...parseRelativePath(dir)), offLimits);
  }
  const guarded = await Promise.all(offLimits.map((path) => realpath(path).catch(() => path)));
  for (const configured of roots) {
    const root = await realpath(configured).catch(() => undefined);
    if (!root || !isInside(configured, dir)) continue;
    const rest = relative(configured, dir);
    const target = rest === '' ? root : join(root, ...parseRelativePath(rest.split(sep).join('/')));
    await ensureDirectoryInside(root, target, guarded);
    return { root, dir: target, offLimits: guarded };
  }
  throw new UnsafePathError('destination directory is outside the agent roots');
}

/**
 * Makes every directory from `root` down to `dir`, one component at a time, refusing
 * components that are not directories, symlinks whose target leaves the root, and anything
 * whose real path is in `offLimits` (real paths), before making anything inside it.
 */
export async function ensureDirectoryInside(
  root: string,
  dir: string,
  offLimits: readonly string[] = [],
): Promise<void> {
  if (!isInside(root, dir)) throw new UnsafePathError('directory outside the root');
  refuseOffLimits(root, offLimits, 'the root');
  const parts = relative(root, dir).split(sep).filter(Boolean);
  let current = root;
  // `root` is a real path; plain directories under it keep `real` real, symlinks are resolved.
  let real = root;
  for (const part of parts) {
    current = join(current, part);
    const stat = await lstat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!stat) {
      real = join(real, part);
      refuseOffLimits(real, offLimits, part);
      await mkdir(current, { mode: 0o755 }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      continue;
    }
    if (stat.isSymbolicLink()) {
      const target = await realpath(current);
      if (!isInside(root, target)) throw new UnsafePathError(`symlink leaving the root refused: ${part}`);
      refuseOffLimits(target, offLimits, part);
      const targetStat = await lstat(target);
      if (!targetStat.isDirectory()) throw new UnsafePathError(`not a directory: ${part}`);
      real = target;
      continue;
    }
    if (!stat.isDirectory()) throw new UnsafePathError(`not a directory: ${part}`);
    real = join(real, part);
    refuseOffLimits(real, offLimits, part);
  }
  const resolved = await realpath(dir);
  if (!isInside(root, resolved)) throw new UnsafePathError('directory resolves outside the root');
  refuseOffLimits(resolved, offLimits, 'the directory');
}

/** The agent's own files (its key, its program) are never written, wherever a root or symlink points. */
function refuseOffLimits(real: string, offLimits: readonly string[], name: string): void {
  if (offLimits.some((folder) => isInside(folder, real))) {
    throw new UnsafePathError(`${name} is in the agent's own state or program folder, which transfers never write`);
  }
}

/**
 * The read-only twin of ensureDirectoryBelow (dry runs): refuses a link or a file on the way from
 * `base` down to `dir`; stops quietly at the first folder that does not exist (nothing below it does).
 */
export async function checkNoLinkBelow(base: string, dir: string): Promise<void> {
  if (!isInside(base, dir)) throw new UnsafePathError('directory outside the destination');
  let current = base;
  for (const part of relative(base, dir).split(sep).filter(Boolean)) {
    current = join(current, part);
    const stat = await lstat(current).catch(() => undefined);
    if (!stat) return;
    if (stat.isSymbolicLink()) {
      throw new UnsafePathError(
        `refused: a symlink is in the way at ${printable(relative(base, current))} (transfers never write through a link at the destination)`,
      );
    }
    if (!stat.isDirectory()) throw new UnsafePathError(`not a directory: ${printable(part)}`);
  }
}

/**
 * Makes every directory from `base` (a destination directory `resolveDestinationDir` checked)
 * down to `dir`, never through a symlink: a link there (one a transfer preserved, or one planted)
 * would let later files be written where it points. `offLimits` as for `ensureDirectoryInside`.
 * Resolves true when it made `dir` itself, false when it was there.
 */
export async function ensureDirectoryBelow(
  base: string,
  dir: string,
  offLimits: readonly string[] = [],
): Promise<boolean> {
  if (!isInside(base, dir)) throw new UnsafePathError('directory outside the destination');
  let created = false;
  let current = base;
  let real = await realpath(base);
  for (const part of relative(base, dir).split(sep).filter(Boolean)) {
    current = join(current, part);
    real = join(real, part);
    refuseOffLimits(real, offLimits, part);
    let stat = await lstat(current).catch(() => undefined);
    created = !stat;
    if (!stat) {
      await mkdir(current, { mode: 0o755 }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      stat = await lstat(current);
    }
    if (stat.isSymbolicLink()) {
      const target = await realpath(current).catch(() => undefined);
      if (target) refuseOffLimits(target, offLimits, part);
      throw new UnsafePathError(
        `refused: a symlink is in the way at ${printable(relative(base, current))} (transfers never write through a link at the destination)`,
      );
    }
    if (!stat.isDirectory()) throw new UnsafePathError(`not a directory: ${printable(part)}`);
  }
  return created;
}

/**
 * Checks a symlink's text from the wire: relative, `../` only at its start, and resolving inside
 * the top-level folder of `linkPath` (what the transfer writes). Links are only made where no
 * folder on the way is a link, so the text resolves where it reads, and so do chains of them.
 */
export function checkSymlinkTarget(linkPath: string, target: string): void {
  if (target.includes('\0') || target.includes('\\')) throw new UnsafePathError('symlink target refused');
  if (Buffer.byteLength(target) > MAX_PATH_BYTES) throw new UnsafePathError('symlink target too long');
  if (isAbsolute(target)) throw new UnsafePathError(`absolute symlink target refused: ${printable(target)}`);
  const depth = linkPath.split('/').length - 2; // folders between the top-level folder and the link
  if (depth < 0) throw new UnsafePathError('a symlink may not be a top-level entry');
  if (target === '.') return;
  const parts = target.split('/');
  const ups = parts.findIndex((part) => part !== '..');
  const rest = ups === -1 ? [] : parts.slice(ups);
  if (rest.some((part) => part === '' || part === '.' || part === '..')) {
    throw new UnsafePathError(
      `symlink target with "..", "." or empty parts past its start refused: ${printable(target)}`,
    );
  }
  if ((ups === -1 ? parts.length : ups) > depth) {
    throw new UnsafePathError(`symlink target leaves the folder sent: ${printable(target)}`);
  }
}
