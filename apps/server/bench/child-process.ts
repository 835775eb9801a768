/** Node child processes running TypeScript through tsx, with their output kept for diagnostics. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const TAIL_LINES = 40;

export interface NodeChild {
  readonly process: ChildProcess;
  /** The node process, for /proc measurements and signals. */
  readonly pid: number;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** The last lines of stderr and of stdout, for error messages. */
  tail(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  /** Node flags placed before `--import tsx` (`--cpu-prof`, `--max-old-space-size=…`, more `--import`s go after). */
  nodeArgs?: readonly string[];
  /** Flags placed after `--import tsx`, e.g. `--import <preload.ts>` (which needs tsx registered first). */
  preloads?: readonly string[];
  /** Open a Node IPC channel (`child.process.send`, `process.send` in the child). */
  ipc?: boolean;
  /** The child needs at least this many open files (sockets): fail early if the hard limit is lower. */
  openFiles?: number;
}

/** Soft and hard `Max open files` of this process (Linux; Infinity elsewhere or when unlimited). */
export function openFilesLimit(): { soft: number; hard: number } {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((row) => row.startsWith('Max open files'));
    const [soft, hard] = (line?.match(/\s(\d+|unlimited)\s+(\d+|unlimited)\s/)?.slice(1) ?? []).map((value) =>
      value === 'unlimited' ? Number.POSITIVE_INFINITY : Number(value),
    );
    return { soft: soft ?? Number.POSITIVE_INFINITY, hard: hard ?? Number.POSITIVE_INFINITY };
  } catch {
    return { soft: Number.POSITIVE_INFINITY, hard: Number.POSITIVE_INFINITY };
  }
}

/**
 * Node raises its soft open-files limit to the hard one when it starts, so a child can have as
 * many sockets as the hard limit allows: refuse at once, with advice, when that is too few.
 */
function requireOpenFiles(openFiles: number | undefined): void {
  if (openFiles === undefined) return;
  const { hard } = openFilesLimit();
  if (hard < openFiles) {
    throw new Error(
      `a child process needs ${openFiles} open files but the hard limit is ${hard}: ` +
        `raise it (e.g. \`ulimit -Hn ${openFiles}\` as root, or LimitNOFILE in the service) or run with fewer agents`,
    );
  }
}

/** Starts `node --import tsx <script>` in the repository root, with `env` added to ours. */
export function spawnNodeScript(script: string, env: Record<string, string>, options: SpawnOptions = {}): NodeChild {
  requireOpenFiles(options.openFiles);
  const args = [...(options.nodeArgs ?? []), '--import', 'tsx', ...(options.preloads ?? []), script];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  const tailLines: string[] = [];
  const keep = (chunk: Buffer) => {
    tailLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    tailLines.splice(0, Math.max(0, tailLines.length - TAIL_LINES));
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    keep(chunk);
  });
  child.stderr?.on('data', keep);

  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (error) => resolve(`spawn failed: ${error.message}`));
  });
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;

  return {
    process: child,
    pid: child.pid ?? -1,
    exited,
    stdout: () => stdout,
    tail: () => tailLines.map((line) => `    | ${line}`).join('\n'),
    async stop(graceMs = 5000) {
      if (hasExited() || child.pid === undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
