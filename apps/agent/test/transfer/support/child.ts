import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));

export interface Child {
  process: ChildProcess;
  lines: string[];
  /** Resolves with the first stdout line for which `match` is true. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  exited: Promise<void>;
  kill9(): Promise<void>;
}

/** Runs one of the support scripts under `node --import tsx` with its config in the environment. */
export function startChild(script: 'receiver-process.ts' | 'sender-process.ts', env: Record<string, string>): Child {
  const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
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
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
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
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no matching line from ${script}; last: ${lines.slice(-2).join(' | ')}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
