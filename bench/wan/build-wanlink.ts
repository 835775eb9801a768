/** Compiles wanlink.c on first use (and after it changes) into bench/wan/.build, which git ignores. */
import { execFile } from 'node:child_process';
import { mkdir, rename, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SOURCE = fileURLToPath(new URL('./wanlink.c', import.meta.url));
const BUILD_DIR = fileURLToPath(new URL('./.build/', import.meta.url));
export const WANLINK_BINARY = `${BUILD_DIR}wanlink`;

async function modifiedMs(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Returns the path of an up-to-date wanlink binary, compiling it with gcc if needed. */
export async function ensureWanlinkBinary(): Promise<string> {
  const [binaryTime, sourceTime] = await Promise.all([modifiedMs(WANLINK_BINARY), modifiedMs(SOURCE)]);
  if (binaryTime !== undefined && sourceTime !== undefined && binaryTime >= sourceTime) return WANLINK_BINARY;
  await mkdir(BUILD_DIR, { recursive: true });
  // Compile to a private name and rename, so two processes building at once never see half a file.
  const temporary = `${WANLINK_BINARY}.${process.pid}`;
  try {
    await run('gcc', ['-O2', '-Wall', '-Wextra', '-Werror', '-o', temporary, SOURCE]);
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(`could not compile ${SOURCE} with gcc: ${detail.trim()}`);
  }
  await rename(temporary, WANLINK_BINARY);
  return WANLINK_BINARY;
}
