/** Runs one load job in a separate load-worker process and reads back its result. */
import { spawnNodeScript } from './child-process.ts';
import type { Cleanup } from './cleanup.ts';
import { LOAD_JOB_ENV, type LoadJob, type LoadResult, LoadResultSchema } from './load-protocol.ts';

const WORKER = 'apps/server/bench/load-worker.ts';

export async function runLoad(job: LoadJob, cleanup: Cleanup): Promise<LoadResult> {
  const worker = spawnNodeScript(WORKER, { [LOAD_JOB_ENV]: JSON.stringify(job) });
  const unregister = cleanup.add('stop load generator', () => worker.stop());
  try {
    const exit = await worker.exited;
    if (exit !== 0) throw new Error(`load generator exited with ${exit}:\n${worker.tail()}`);
    const lastLine = worker.stdout().trim().split('\n').at(-1) ?? '';
    const parsed = LoadResultSchema.safeParse(JSON.parse(lastLine));
    if (!parsed.success) {
      throw new Error(`load generator printed an unexpected result: ${parsed.error.message}\n${worker.tail()}`);
    }
    return parsed.data;
  } finally {
    unregister();
  }
}
