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

/** The real path of the configured root that contains `dir`, or an error naming why not. */
export async function resolveDestinationDir(
  roots: readonly string[],
  dir: string,
): Promise<{ root: string; dir: string }> {
  if (!isAbsolute(dir)) {
    // The control plane names directories relative to the agent's roots: the first root.
    const first = roots[0];
    if (!first) throw new UnsafePathError('this agent has no roots to write under');
    return resolveDestinationDir([first], join(first, ...parseRelativePath(dir)));
  }
  for (const configured of roots) {
    const root = await realpath(configured).catch(() => undefined);
    if (!root || !isInside(configured, dir)) continue;
    const rest = relative(configured, dir);
    const target = rest === '' ? root : join(root, ...parseRelativePath(rest.split(sep).join('/')));
    await ensureDirectoryInside(root, target);
    return { root, dir: target };
  }
  throw new UnsafePathError('destination directory is outside the agent roots');
}

/**
 * Makes every directory from `root` down to `dir`, one component at a time, refusing
 * components that are not directories and symlinks whose target leaves the root.
 */
export async function ensureDirectoryInside(root: string, dir: string): Promise<void> {
  if (!isInside(root, dir)) throw new UnsafePathError('directory outside the root');
  const parts = relative(root, dir).split(sep).filter(Boolean);
  let current = root;
  for (const part of parts) {
    current = join(current, part);
    const stat = await lstat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!stat) {
      await mkdir(current, { mode: 0o755 }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      continue;
    }
    if (stat.isSymbolicLink()) {
      const target = await realpath(current);
      if (!isInside(root, target)) throw new UnsafePathError(`symlink leaving the root refused: ${part}`);
      const targetStat = await lstat(target);
      if (!targetStat.isDirectory()) throw new UnsafePathError(`not a directory: ${part}`);
      continue;
    }
    if (!stat.isDirectory()) throw new UnsafePathError(`not a directory: ${part}`);
  }
  const real = await realpath(dir);
  if (!isInside(root, real)) throw new UnsafePathError('directory resolves outside the root');
}
