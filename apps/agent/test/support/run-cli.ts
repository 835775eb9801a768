import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { agentBundle } from '../../../../test/agent-bundle.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface CliRun {
  child: ChildProcess;
  /** Everything written so far. */
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Resolves once stderr contains `text`. */
  waitForStderr: (text: string, timeoutMs?: number) => Promise<void>;
}

/** Starts `tcpa-agent <args>` as a real child process: the bundle users install, built for this test run. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const inherited = { ...process.env };
  delete inherited.TCPA_AGENT_STATE_DIR; // tests name their state dir
  const child = spawn(process.execPath, [agentBundle(), ...args], {
    cwd: REPO_ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const waiter of waiters.filter((w) => stderr.includes(w.text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForStderr: (text, timeoutMs = 15_000) =>
      new Promise<void>((resolve, reject) => {
        if (stderr.includes(text)) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for "${text}" on stderr; got:\n${stderr}`)),
          timeoutMs,
        );
        waiters.push({
          text,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
  };
}

/** Runs `tcpa-agent <args>` to completion. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = startCli(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}
