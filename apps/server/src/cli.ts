/** Entry point of `tcpa`: `tcpa mcp` (MCP over stdio for assistants), `tcpa admin` (operator commands). */
import { runMcpCommand } from '@tcpa/mcp';
import { runAdmin } from './admin/admin-cli.ts';

const USAGE = `Usage: tcpa <command>

  tcpa mcp --server URL [--api-key KEY]   serve MCP on stdin/stdout for desktop assistants
  tcpa admin companies | set-plan …       operator commands on this server's database

tcpa <command> --help tells more.`;

async function main([command, ...rest]: string[]): Promise<number> {
  if (command === 'mcp') return runMcpCommand(rest);
  if (command === 'admin') {
    // What the server writes (the embedded database) is for this user only, as in main.ts.
    process.umask(0o077);
    return runAdmin(rest);
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  console.error(`tcpa: unknown command "${command}"\n\n${USAGE}`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
