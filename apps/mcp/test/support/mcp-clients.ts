import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type CallToolResult, ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';

export const TCPA_BIN = fileURLToPath(new URL('../../../server/bin/tcpa.mjs', import.meta.url));

export type TransportKind = 'http' | 'stdio';

export interface ClientOptions {
  /** Answer elicitation requests (declares the capability); without it the client cannot be asked. */
  elicit?: (message: string) => ElicitResult;
}

function newClient(options: ClientOptions) {
  const client = new Client(
    { name: 'tcpa-test', version: '1.0.0' },
    { capabilities: options.elicit ? { elicitation: { form: {} } } : {} },
  );
  const { elicit } = options;
  if (elicit) client.setRequestHandler(ElicitRequestSchema, (request) => elicit(request.params.message));
  return client;
}

/** The SDK's own client, over Streamable HTTP to /mcp on the control plane. */
export async function connectHttp(serverUrl: string, apiKey: string, options: ClientOptions = {}) {
  const client = newClient(options);
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${serverUrl}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${apiKey}` } },
    }),
  );
  return client;
}

/** The SDK's own client, spawning the real `tcpa mcp` process over stdio. */
export async function connectStdio(serverUrl: string, apiKey: string, options: ClientOptions = {}) {
  const client = newClient(options);
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [TCPA_BIN, 'mcp', '--server', serverUrl],
      env: { PATH: process.env.PATH ?? '', TCPA_API_KEY: apiKey },
      stderr: 'pipe',
    }),
  );
  return client;
}

export function connect(kind: TransportKind, serverUrl: string, apiKey: string, options: ClientOptions = {}) {
  return kind === 'http' ? connectHttp(serverUrl, apiKey, options) : connectStdio(serverUrl, apiKey, options);
}

/** Calls a tool and returns its result: tool errors are results, never exceptions. */
export async function call(client: Client, name: string, args: Record<string, unknown> = {}) {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

export const textOf = (result: CallToolResult) =>
  result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');

/** A successful result's structured content (fails loudly with the error text otherwise). */
export async function ok<T = any>(client: Client, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const result = await call(client, name, args);
  if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
  return result.structuredContent as T;
}
