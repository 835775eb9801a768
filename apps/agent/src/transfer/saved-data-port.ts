import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'data-port';

/**
 * The data channel's port is kept in the state folder and bound again after a restart: a source
 * still holding the old port (a transfer dispatched just before) finds the agent where it was.
 */
export function readSavedDataPort(stateDir: string): number {
  try {
    const port = Number(readFileSync(join(stateDir, FILE), 'utf8').trim());
    return Number.isInteger(port) && port >= 1 && port <= 65_535 ? port : 0;
  } catch {
    return 0;
  }
}

export function saveDataPort(stateDir: string, port: number) {
  writeFileSync(join(stateDir, FILE), `${port}\n`, { mode: 0o600 });
}
