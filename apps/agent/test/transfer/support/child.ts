import { type ChildProcess, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));

function othersCanReach(path: string): boolean {
  for (let dir = path; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

/**
 * Whether a child started with `uid` (another user) can run: it loads this checkout's code with
 * this Node binary, so every folder above both must let others through.
 */
export const otherUsersCanRunChildren =
  process.getuid?.() === 0 && othersCanReach(REPO_ROOT) && othersCanReach(dirname(process.execPath));

export interface Child {
  process: ChildProcess;
  lines: string[];
  /** Resolves with the first stdout line for which `match` is true. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  exited: Promise<void>;
  kill9(): Promise<void>;
  /** A line on its stdin. */
  send(line: string): void;
}

export interface ChildOptions {
  /** Run as this user and group (the test must be root). */
  uid?: number;
  gid?: number;
  /** Mount a tmpfs of this many bytes at `dir`, seen only by the child (its own mount namespace; root only). */
  tmpfs?: { dir: string; bytes: number };
}

/** Runs one of the support scripts under `node --import tsx` with its config in the environment. */
export function startChild(
  script: 'receiver-process.ts' | 'sender-process.ts',
  env: Record<string, string>,
  options: ChildOptions = {},
): Child {
  const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const node = [process.execPath, '--import', 'tsx', path];
  const argv = options.tmpfs
    ? [
        'unshare',
        '--mount',
        '--propagation',
        'private',
        'sh',
        '-c',
        `mount -t tmpfs -o size=${options.tmpfs.bytes} tmpfs "$TCPA_TMPFS_DIR" && exec "$@"`,
        'sh',
        ...node,
      ]
    : node;
  const child = spawn(argv[0] as string, argv.slice(1), {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, ...(options.tmpfs ? { TCPA_TMPFS_DIR: options.tmpfs.dir } : {}) },
    stdio: ['pipe', 'pipe', 'inherit'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid }),
  });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  let partial = '';
  child.stdout?.setEncoding('utf8').on('data', (data: string) => {
    const pieces = (partial + data).split('\n');
    partial = pieces.pop() ?? '';
    lines.push(...pieces);
    for (const listener of listeners) listener();
  });
  let hasExited = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      hasExited = true;
      resolve();
      for (const listener of listeners) listener();
    }),
  );
  return {
    process: child,
    lines,
    exited,
    waitForLine: (match, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < lines.length; seen += 1) {
            const line = lines[seen] as string;
            if (match(line)) {
              listeners.delete(check);
              clearTimeout(timer);
              resolve(line);
              return;
            }
          }
          if (hasExited) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`${script} exited; last: ${lines.slice(-2).join(' | ')}`));
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no matching line from ${script}; last: ${lines.slice(-2).join(' | ')}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
    send: (line) => {
      child.stdin?.write(`${line}\n`);
    },
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
