import type { CliIo } from './cli/cli-io.ts';
import { ExitCode } from './cli/exit-codes.ts';
import { UsageError } from './cli/parse-options.ts';
import { COMMAND_USAGE, GENERAL_USAGE } from './cli/usage.ts';
import { enrolCommand } from './commands/enrol.ts';
import { rootsCommand } from './commands/roots.ts';
import { runCommand } from './commands/run.ts';
import { statusCommand } from './commands/status.ts';
import { AGENT_VERSION } from './version.ts';

const COMMANDS = { enrol: enrolCommand, run: runCommand, status: statusCommand, roots: rootsCommand } as const;

function isCommand(name: string): name is keyof typeof COMMANDS {
  return Object.hasOwn(COMMANDS, name);
}

/** Runs `tcpa-agent <argv>` and resolves with the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  const [command, ...args] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(GENERAL_USAGE);
    return command === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${AGENT_VERSION}\n`);
    return ExitCode.ok;
  }
  if (!isCommand(command)) {
    io.stderr(`tcpa-agent: unknown command "${command}"\n\n${GENERAL_USAGE}`);
    return ExitCode.usage;
  }
  try {
    const result = await COMMANDS[command](args, io);
    if (result !== 'help') return result;
    io.stdout(COMMAND_USAGE[command] ?? GENERAL_USAGE);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`tcpa-agent ${command}: ${error.message}\nRun \`tcpa-agent ${command} --help\` for usage.\n`);
      return ExitCode.usage;
    }
    io.stderr(`tcpa-agent ${command} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.failure;
  }
}
