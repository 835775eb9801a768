/**
 * The entry point every bench shares: parse the flags, run with a Cleanup that undoes
 * everything on success, failure, SIGINT or SIGTERM, then print. Progress goes to stderr;
 * stdout gets only the report lines (the last being a JSON summary). Exit 0 when the run
 * completes (even if goals are missed), 1 on errors, 2 on bad arguments, 130 if interrupted.
 */
import { Cleanup } from './cleanup.ts';
import { UsageError } from './cli.ts';

export const progress = (message: string) => console.error(`bench: ${message}`);

export interface BenchSpec<Options extends { help: boolean }> {
  usage: string;
  parse(argv: readonly string[]): Options;
  /** Measures; returns the lines for stdout, printed once cleanup has finished. */
  run(options: Options, cleanup: Cleanup): Promise<string[]>;
}

export async function runBench<Options extends { help: boolean }>(spec: BenchSpec<Options>): Promise<number> {
  const cleanup = new Cleanup();
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) return progress('still cleaning up…');
      interrupted = true;
      progress(`${signal}: stopping and cleaning up…`);
      void cleanup.run().finally(() => process.exit(130));
    });
  }

  try {
    const options = spec.parse(process.argv.slice(2));
    if (options.help) {
      console.log(spec.usage);
      return 0;
    }
    const lines = await spec.run(options, cleanup);
    await cleanup.run();
    for (const line of lines) console.log(line);
    return 0;
  } catch (error) {
    await cleanup.run();
    if (interrupted) return 130;
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    console.error(`bench: FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
