/** Named network namespaces (`ip netns`) for WAN links: creation, removal, and stale-run cleanup. */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Every namespace a WAN link creates is named `tcpa-wan-<owner pid>-<link number>-<a|b>`. */
export const NAMESPACE_PREFIX = 'tcpa-wan-';

export function namespaceName(ownerPid: number, linkNumber: number, side: 'a' | 'b'): string {
  return `${NAMESPACE_PREFIX}${ownerPid}-${linkNumber}-${side}`;
}

/** Runs `ip` with the given arguments; a failure carries ip's own message. */
export async function ip(args: readonly string[]): Promise<string> {
  try {
    return (await run('ip', args)).stdout;
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || String(error);
    throw new Error(`ip ${args.join(' ')}: ${detail}`);
  }
}

export async function listNamespaces(): Promise<string[]> {
  const listing = await ip(['netns', 'list']);
  return listing
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.length > 0);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function killAll(pids: string): void {
  for (const pid of pids
    .split('\n')
    .map(Number)
    .filter((value) => value > 0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Kills whatever still runs inside the namespace, then removes it. */
export async function deleteNamespace(name: string): Promise<void> {
  killAll(await ip(['netns', 'pids', name]).catch(() => ''));
  await ip(['netns', 'del', name]);
}

/** The same for `process.on('exit')`, where nothing asynchronous runs any more. */
export function deleteNamespaceSync(name: string): void {
  try {
    killAll(execFileSync('ip', ['netns', 'pids', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    execFileSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
  } catch {
    // Nothing more can be done while exiting; the next run removes it as stale.
  }
}

/** Removes namespaces left by WAN-link owners that died without cleaning up (SIGKILL, crash). */
export async function removeStaleNamespaces(): Promise<string[]> {
  const stale = (await listNamespaces()).filter((name) => {
    if (!name.startsWith(NAMESPACE_PREFIX)) return false;
    const owner = Number(name.slice(NAMESPACE_PREFIX.length).split('-')[0]);
    return Number.isInteger(owner) && owner > 0 && owner !== process.pid && !isAlive(owner);
  });
  for (const name of stale) await deleteNamespace(name).catch(() => undefined);
  return stale;
}
