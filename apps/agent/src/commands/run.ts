import { z } from 'zod';
import type { CliIo } from '../cli/cli-io.ts';
import { ExitCode } from '../cli/exit-codes.ts';
import { parseOptions } from '../cli/parse-options.ts';
import { createLog } from '../log.ts';
import { AgentRuntime } from '../run/agent-runtime.ts';
import { readAgentState } from '../state/agent-state.ts';
import { RunLock } from '../state/run-lock.ts';
import { resolveStateDir } from '../state/state-paths.ts';

const RunOptionsSchema = z.strictObject({
  'state-dir': z.string().min(1).optional(),
  'data-port': z.coerce
    .number({ error: '--data-port must be a port number' })
    .int()
    .min(0)
    .max(65535, { error: '--data-port must be a port number (0 picks a free one)' })
    .default(0),
});
const OPTIONS = { 'state-dir': { type: 'string' }, 'data-port': { type: 'string' } } as const;

export async function runCommand(args: string[], io: CliIo): Promise<ExitCode | 'help'> {
  const options = parseOptions(args, OPTIONS, RunOptionsSchema);
  if (options === 'help') return 'help';
  const stateDir = resolveStateDir(options['state-dir'], io.env);
  let state: ReturnType<typeof readAgentState>;
  let lock: RunLock;
  try {
    state = readAgentState(stateDir);
    lock = RunLock.acquire(stateDir);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    io.stderr(`${error.message}\n`);
    return ExitCode.failure;
  }

  const log = createLog({ write: io.stderr, timestamps: true });
  try {
    const runtime = await AgentRuntime.create({ stateDir, state, log, dataPort: options['data-port'] });
    log.info(`agent ${state.agentId} ("${state.name}") starting, server ${state.serverUrl}, status ${state.status}`);
    const onSignal = (signal: NodeJS.Signals) => {
      log.info(`${signal} received; stopping`);
      void runtime.stop(ExitCode.ok);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const exitCode = await runtime.run();
      log.info('stopped');
      return exitCode;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  } finally {
    lock.release();
  }
}
