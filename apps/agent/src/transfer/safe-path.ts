import { lstat, mkdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { MAX_PATH_BYTES } from '@tcpa/contracts/data-channel';

/** A path from the wire that may not be written, with the reason. */
export class UnsafePathError extends Error {
  readonly code = 'unsafe_path';
}

const MAX_NAME_BYTES = 255;
export const PARTIAL_SUFFIX = '.tcpa-part';
export const JOURNAL_SUFFIX = '.tcpa-journal';

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
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
    if (/[\u0000-\u001f]/.test(part)) throw new UnsafePathError('control character in path');
    if (part.endsWith(PARTIAL_SUFFIX) || part.endsWith(JOURNAL_SUFFIX)) {
      throw new UnsafePathError(`reserved name refused: ${printable(part)}`);
    }
  }
  return parts;
}

function printable(path: string): string {
  return JSON.stringify(path.slice(0, 200));
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
