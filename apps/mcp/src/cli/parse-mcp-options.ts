import { parseArgs } from 'node:util';
import { z } from 'zod';

export const USAGE = `Usage: tcpa mcp --server URL [--api-key KEY]

Runs the TCP Agent Platform MCP server on stdin/stdout, for desktop assistants.

  --server URL     the control plane, e.g. https://tcpa.example.com (or TCPA_SERVER)
  --api-key KEY    an API key, tcpa_… (or TCPA_API_KEY, which keeps it out of process lists)

Everything the assistant can do is bounded by the key's scopes and projects.`;

const OptionsSchema = z.strictObject({
  server: z.url({ protocol: /^https?$/, error: '--server must be an http(s) URL such as https://tcpa.example.com' }),
  apiKey: z
    .string({ error: 'give an API key with --api-key or TCPA_API_KEY' })
    .regex(/^tcpa_\S+$/, { error: 'the API key starts with tcpa_ (copy the whole key)' }),
});
export type McpOptions = z.infer<typeof OptionsSchema>;

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseMcpOptions(args: string[], env: Record<string, string | undefined>): McpOptions | 'help' {
  let values: { server?: string; 'api-key'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { server: { type: 'string' }, 'api-key': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const parsed = OptionsSchema.safeParse({
    server: values.server ?? env.TCPA_SERVER,
    apiKey: values['api-key'] ?? env.TCPA_API_KEY,
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
}
