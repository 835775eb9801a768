/** `tcpa mcp`: serves MCP over stdio against a control plane (the `tcpa` program is the server's bin). */
import { readFileSync } from 'node:fs';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ApiError, dataOf } from '@tcpa/api-client';
import { createMcpApi } from '../api/api-client.ts';
import { explainApiError } from '../api/api-error.ts';
import { createMcpServer } from '../create-mcp-server.ts';
import { parseMcpOptions, USAGE, UsageError } from './parse-mcp-options.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

async function runMcp(args: string[]): Promise<number> {
  const options = parseMcpOptions(args, process.env);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const api = createMcpApi({
    baseUrl: options.server,
    apiKey: options.apiKey,
    userAgent: `tcpa-mcp/${VERSION} (stdio)`,
  });
  // Fail at start, in words, rather than on the assistant's first call.
  const me = await dataOf(api.GET('/api/v1/me'));
  const mcp = createMcpServer({ api, version: VERSION });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
  });
  await mcp.connect(transport);
  console.error(`tcpa mcp: serving ${options.server} for ${me.user.email} (${me.company.name}) on stdio`);
  process.stdin.once('end', () => void mcp.close());
  await closed;
  return 0;
}

/** Runs `tcpa mcp <args>`; returns the exit code. */
export async function runMcpCommand(args: string[]): Promise<number> {
  try {
    return await runMcp(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`tcpa: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ApiError) {
      console.error(`tcpa: ${explainApiError(error)}`);
      return 1;
    }
    throw error;
  }
}
