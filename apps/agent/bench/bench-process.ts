import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Cleanup } from '../../server/bench/cleanup.ts';

export const ROLES_SCRIPT = fileURLToPath(new URL('./transfer-bench-roles.ts', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * CPU seconds (user + system) of this process's children that have exited and been reaped,
 * their own children included: daemons stopped after a run count what they forked too.
 */
export function reapedChildrenCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  // After "pid (comm) ": state is field 3; cutime and cstime are fields 16 and 17.
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

export interface Child {
  process: ChildProcess;
  /** The first stdout line starting with `prefix`, without it. */
  line(prefix: string): Promise<string>;
  exited: Promise<number | null>;
  stop(): Promise<void>;
  /** Writes a line to its stdin (a bench role's go). */
  tell(line: string): void;
}

/** Starts a program; it is stopped by `cleanup` if the bench ends first. `netns` runs it in a network namespace. */
export function startProcess(
  cleanup: Cleanup,
  command: string,
  args: string[],
  options: { env?: Record<string, string>; netns?: string; cwd?: string; stdin?: boolean } = {},
): Child {
  const [program, argv] = options.netns ? ['ip', ['netns', 'exec', options.netns, command, ...args]] : [command, args];
  const child = spawn(program, argv, {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...options.env },
    // Node's pipes are socket pairs: a daemon given one as stdin (rsync) thinks inetd started it.
    stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (data: string) => {
    lines.push(...data.split('\n').filter(Boolean));
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr?.setEncoding('utf8').on('data', (data: string) => {
    stderr = (stderr + data).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      for (const wake of waiters.splice(0)) wake();
      resolve(code);
    }),
  );
  let done = false;
  void exited.then(() => {
    done = true;
  });
  const stop = async () => {
    if (done) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  const unregister = cleanup.add(`stop ${command}`, stop);
  void exited.then(unregister);
  return {
    process: child,
    exited,
    stop,
    tell: (line) => {
      child.stdin?.write(`${line}\n`);
    },
    line: async (prefix) => {
      for (;;) {
        const found = lines.find((line) => line.startsWith(prefix));
        if (found !== undefined) return found.slice(prefix.length);
        if (done) throw new Error(`${command} exited without "${prefix}": ${stderr.trim().slice(-1000)}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}

/** A bench role (transfer-bench-roles.ts) as its own Node process. */
export function startRole(cleanup: Cleanup, role: string, config: unknown, netns?: string): Child {
  // BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles each role.
  const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  return startProcess(cleanup, process.execPath, [...flags, '--import', 'tsx', ROLES_SCRIPT, role], {
    env: { BENCH_CONFIG: JSON.stringify(config) },
    stdin: true,
    ...(netns ? { netns } : {}),
  });
}

/** Runs a command to completion; throws with its stderr when it fails. */
export async function run(
  cleanup: Cleanup,
  command: string,
  args: string[],
  options: { netns?: string; env?: Record<string, string> } = {},
): Promise<void> {
  const child = startProcess(cleanup, command, args, options);
  let stderr = '';
  child.process.stderr?.on('data', (data: string) => {
    stderr += data;
  });
  const code = await child.exited;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.trim().slice(-800)}`);
}

export function commandExists(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
