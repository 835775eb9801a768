import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isInside } from '../transfer/safe-path.ts';

/** A folder of the agent's own that no transfer may read or write, whatever the roots say. */
export interface OffLimitsFolder {
  /** Its real path. */
  path: string;
  /** What it is, for messages. */
  what: string;
}

/**
 * The state folder (the private key, the data-channel key) and the folder of the running
 * program (`~/.tcpa-agent/bin` when installed with install.sh): a transfer out of the first
 * copies the agent's identity; one into the second replaces the program run at the next start.
 */
export function offLimitsOf(stateDir: string, programFile = process.argv[1]): OffLimitsFolder[] {
  const folders = [{ path: realPathOf(stateDir), what: "the agent's state folder (it holds the agent's private key)" }];
  if (!programFile) return folders;
  const program = dirname(realPathOf(programFile));
  folders.push({ path: program, what: "the agent's program folder" });
  // Started through a symlink (/usr/local/bin/tcpa-agent): replacing the link replaces the program too.
  const link = realPathOf(dirname(resolve(programFile)));
  if (link !== program) folders.push({ path: link, what: "the folder the agent's program is started from" });
  return folders;
}

/** Why `root` may not be a transfer root (it holds or sits in one of the agent's folders), or undefined. */
export function rootProblem(root: string, offLimits: readonly OffLimitsFolder[]): string | undefined {
  const real = realPathOf(root);
  for (const { path, what } of offLimits) {
    if (isInside(path, real)) return `${root} is inside ${what}, ${path}`;
    if (isInside(real, path)) return `${root} contains ${what}, ${path}`;
  }
  return undefined;
}

/** The real path; for a path not made yet, its nearest existing parent's real path and the rest. */
export function realPathOf(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(realPathOf(parent), basename(absolute));
  }
}

/** What to do about a refused root. */
export const ROOT_ADVICE =
  "a transfer could copy the agent's key or replace its program. Give a folder that neither holds nor sits in the agent's own folders, e.g. a new /srv/tcpa-transfers";

/** The roots that may be served, and why the others may not (state written before roots were checked). */
export function usableRoots(
  roots: readonly string[],
  offLimits: readonly OffLimitsFolder[],
): { roots: string[]; refused: Array<{ root: string; problem: string }> } {
  const usable: string[] = [];
  const refused: Array<{ root: string; problem: string }> = [];
  for (const root of roots) {
    const problem = rootProblem(root, offLimits);
    if (problem) refused.push({ root, problem });
    else usable.push(root);
  }
  return { roots: usable, refused };
}
