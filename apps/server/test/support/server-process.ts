import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/**
 * Resolves with the first line of the child's output that `match` turns into a value; rejects,
 * with what the child wrote to stderr, when it exits or closes its output first.
 */
export function waitForReadyLine<T>(
  child: ChildProcess,
  name: string,
  match: (line: string) => T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise<T>((resolve, reject) => {
    const fail = (what: string) => {
      clearTimeout(timer);
      reject(new Error(`${name} ${what} before it was ready: ${stderr.trim() || '(no stderr)'}`));
    };
    const timer = setTimeout(() => fail(`took over ${timeoutMs} ms`), timeoutMs);
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const value = match(line);
      if (value === undefined) return;
      clearTimeout(timer);
      lines.close();
      resolve(value);
    });
    child.once('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`})`));
  });
}

/** Ends the child (SIGKILL when SIGTERM has not ended it within a second), then removes the folder. */
export async function stopAndRemove(child: ChildProcess, directory: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 1000);
    await exited;
    clearTimeout(timer);
  }
  await rm(directory, { recursive: true, force: true });
}
