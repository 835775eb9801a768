import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { statePaths } from './state-paths.ts';

/** True when a process with this id exists (signal 0 checks without signalling). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One `run` per state directory: two would write the same outbox. The lock file holds the pid;
 * a lock left by a process that no longer exists is taken over.
 */
export class RunLock {
  private constructor(private readonly path: string) {}

  static acquire(stateDir: string): RunLock {
    const path = statePaths(stateDir).lock;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(path, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
        return new RunLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
        if (Number.isInteger(holder) && holder !== process.pid && isProcessAlive(holder)) {
          throw new Error(`another tcpa-agent (pid ${holder}) is already running with ${stateDir}`);
        }
        rmSync(path, { force: true });
      }
    }
    throw new Error(`could not take the lock ${path}`);
  }

  release(): void {
    rmSync(this.path, { force: true });
  }
}
