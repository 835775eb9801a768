import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers see the old content or the new, never a torn one: the data goes
 * to a temporary file in the same directory (created with `mode`), which is then renamed over
 * the target. A crash leaves at most a stray `.tmp` file.
 */
export function writeFileAtomic(path: string, data: string, mode = 0o600): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, data, { mode, flag: 'wx' });
    chmodSync(temporary, mode); // the umask may have narrowed it; state files must be exactly `mode`
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Creates the state directory readable by its owner only (an existing directory is left as it is). */
export function ensureStateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}
