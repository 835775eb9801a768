import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Move mode: a file (or link) the source deletes once told it arrived must survive a crash of
 * this machine first. Flushes the file's data (not for a link: opening one would follow it) and
 * the folder entry that names it.
 */
export async function syncFileAndFolder(path: string, isLink: boolean): Promise<void> {
  if (!isLink) await syncPath(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  await syncPath(dirname(path), constants.O_RDONLY | constants.O_DIRECTORY);
}

async function syncPath(path: string, flags: number): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
