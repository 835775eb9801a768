import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Permission bits for the group and for others: none may be set on a private folder or its files. */
const GROUP_OTHER_BITS = 0o077;
const LISTED_PATHS = 5;

export class PrivateFolderError extends Error {
  override name = 'PrivateFolderError';
}

const mode = (bits: number) => `0${(bits & 0o777).toString(8)}`;
const shellQuote = (path: string) => (/^[\w./@:+-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`);

async function entriesUnder(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  return names.map((name) => join(dir, name));
}

/**
 * Makes `dir` (mode 0700) if it is missing. An existing one must be private: if the folder or
 * anything in it can be read or written by the group or others, start-up stops and says how to
 * fix it, rather than fixing it quietly: what was readable may already have been read.
 */
export async function ensurePrivateFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // no POSIX modes to check
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const loose: string[] = [];
  const folder = await lstat(dir);
  if (folder.mode & GROUP_OTHER_BITS) loose.push(`the folder itself has mode ${mode(folder.mode)}`);
  let looseFiles = 0;
  for (const path of await entriesUnder(dir)) {
    const info = await lstat(path);
    if (info.isSymbolicLink() || !(info.mode & GROUP_OTHER_BITS)) continue;
    looseFiles += 1;
    if (looseFiles <= LISTED_PATHS) loose.push(`${path.slice(dir.length + 1)} has mode ${mode(info.mode)}`);
  }
  if (looseFiles > LISTED_PATHS) loose.push(`${looseFiles - LISTED_PATHS} more entries are open too`);
  if (loose.length === 0) return;
  throw new PrivateFolderError(
    `The data folder ${dir} can be read or written by other users of this machine (${loose.join('; ')}). ` +
      'It holds secrets (the embedded database, the secret key), so the server will not start. ' +
      `Make it private with: chmod -R go-rwx ${shellQuote(dir)}`,
  );
}

/** Removes group and other permissions from everything in `dir` (PGlite writes some files 0666 whatever the umask). */
export async function restrictFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  for (const path of [dir, ...(await entriesUnder(dir))]) {
    const info = await lstat(path).catch(() => undefined); // PostgreSQL may remove a file meanwhile
    if (!info || info.isSymbolicLink() || !(info.mode & GROUP_OTHER_BITS)) continue;
    await chmod(path, info.mode & 0o700).catch(() => undefined);
  }
}
