import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite is PostgreSQL in one process with no postmaster to keep a second one out: two
 * processes opening the same data folder corrupt it. So whoever opens it (the server, `tcpa
 * admin`) first writes its process id in `tcpa.pid`, as PostgreSQL's postmaster.pid does; a
 * file naming a live process refuses the open, one naming a dead process (kill -9) is taken over.
 */
const LOCK_FILE = 'tcpa.pid';

export class DataFolderInUseError extends Error {
  override name = 'DataFolderInUseError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is open in process ${pid} (a running server?). ` +
        'It can be used by one process at a time: stop that process first, or use DATABASE_URL (PostgreSQL), which many can share.',
    );
  }
}

/** Folders this process holds, so that a recycled pid (a container's pid 1) is not mistaken for another holder. */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the folder for this process; returns the release. */
export function lockDataFolder(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  if (heldHere.has(dataDir)) throw new DataFolderInUseError(dataDir, process.pid);
  for (;;) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = holderOf(path);
    if (holder !== undefined && holder !== process.pid && isAlive(holder))
      throw new DataFolderInUseError(dataDir, holder);
    unlinkSync(path); // left by a process that is gone
  }
  heldHere.add(dataDir);
  return () => {
    heldHere.delete(dataDir);
    if (holderOf(path) === process.pid) unlinkSync(path);
  };
}
