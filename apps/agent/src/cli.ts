/** Entry point of `tcpa-agent` (bundled into dist/tcpa-agent.mjs by build.ts). */
import { processIo } from './cli/cli-io.ts';
import { runCli } from './main.ts';

process.exitCode = await runCli(process.argv.slice(2), processIo);
