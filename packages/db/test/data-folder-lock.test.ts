import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFolderInUseError, lockDataFolder } from '../src/data-folder-lock.ts';

/** The pid file that keeps a second process off the embedded database's folder. */
describe('the data folder lock', () => {
  const dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tcpa-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses while a live process holds the folder, naming it', async () => {
    const dir = folder();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(join(dir, 'tcpa.pid'), `${holder.pid}\n`);
      expect(() => lockDataFolder(dir)).toThrow(DataFolderInUseError);
      expect(() => lockDataFolder(dir)).toThrow(`is open in process ${holder.pid}`);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes over the pid file of a process that is gone (kill -9), and releases it', async () => {
    const dir = folder();
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    writeFileSync(join(dir, 'tcpa.pid'), `${gone.pid}\n`);
    const release = lockDataFolder(dir);
    expect(readFileSync(join(dir, 'tcpa.pid'), 'utf8')).toBe(`${process.pid}\n`);
    // The same process opening it twice is refused too: PGlite would open it twice.
    expect(() => lockDataFolder(dir)).toThrow(DataFolderInUseError);
    release();
    lockDataFolder(dir)();
  });
});
