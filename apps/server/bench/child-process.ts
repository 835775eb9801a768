/** Node child processes running TypeScript through tsx, with their output kept for diagnostics. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const TAIL_LINES = 40;

export interface NodeChild {
  readonly process: ChildProcess;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** The last lines of stderr and of stdout, for error messages. */
  tail(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `node --import tsx <script>` in the repository root, with `env` added to ours. */
export function spawnNodeScript(script: string, env: Record<string, string>): NodeChild {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
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
