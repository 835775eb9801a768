import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { PlatformClient } from '@tcpa/api-client';
import { ApiError } from '@tcpa/api-client';
import type { Permission } from '@tcpa/contracts';
import type { z } from 'zod';
import { explainApiError } from '../api/api-error.ts';

/** A tool's answer: structured content (matching its output schema) and the same in words. */
export interface ToolAnswer<O extends z.ZodType> {
  structured: z.input<O>;
  text: string;
}

export interface ToolContext {
  api: PlatformClient;
  mcp: McpServer;
  signal: AbortSignal;
}

/** A refusal decided by the MCP server itself (not confirmed, nothing to do): a tool error, not a crash. */
export class ToolRefusal extends Error {
  override name = 'ToolRefusal';
}

export interface ToolSpec<I extends z.ZodObject, O extends z.ZodObject> {
  name: string;
  title: string;
  description: string;
  /** The API key scopes the tool needs; named in its description. */
  scopes: Permission[];
  input: I;
  output: O;
  annotations: Pick<ToolAnnotations, 'readOnlyHint' | 'destructiveHint' | 'idempotentHint'>;
  run(args: z.output<I>, context: ToolContext): Promise<ToolAnswer<O>>;
}

export type AnyToolSpec = ToolSpec<z.ZodObject, z.ZodObject>;

export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(spec: ToolSpec<I, O>): AnyToolSpec {
  return spec as unknown as AnyToolSpec;
}

export function toolError(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}

export function registerTools(mcp: McpServer, api: PlatformClient, tools: AnyToolSpec[]) {
  for (const tool of tools) {
    const needs =
      tool.scopes.length > 0 ? ` Needs API key scope ${tool.scopes.map((s) => `"${s}"`).join(' and ')}.` : '';
    mcp.registerTool(
      tool.name,
      {
        title: tool.title,
        description: `${tool.description}${needs}`,
        inputSchema: tool.input,
        outputSchema: tool.output,
        annotations: { title: tool.title, openWorldHint: false, ...tool.annotations },
      },
      async (args: unknown, extra): Promise<CallToolResult> => {
        try {
          const answer = await tool.run(args as never, { api, mcp, signal: extra.signal });
          return {
            content: [{ type: 'text', text: answer.text }],
            structuredContent: answer.structured as Record<string, unknown>,
          };
        } catch (error) {
          if (error instanceof ApiError) return toolError(explainApiError(error));
          if (error instanceof ToolRefusal) return toolError(error.message);
          throw error;
        }
      },
    );
  }
}
