import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { PlatformClient } from '@tcpa/api-client';
import { registerPrompts } from './prompts.ts';
import { registerResources } from './resources.ts';
import { accountTools } from './tools/account-tools.ts';
import { agentTools } from './tools/agent-tools.ts';
import { alertTools } from './tools/alert-tools.ts';
import { jobTools } from './tools/job-tools.ts';
import { reportTools } from './tools/report-tools.ts';
import { storageTools } from './tools/storage-tools.ts';
import { registerTools } from './tools/tool-kit.ts';
import { transferTools } from './tools/transfer-tools.ts';

export const allTools = [
  ...accountTools,
  ...agentTools,
  ...transferTools,
  ...jobTools,
  ...storageTools,
  ...alertTools,
  ...reportTools,
];

/**
 * The MCP server of the platform: tools, resources and prompts over the public API, called
 * with one API key. Whatever transport carries it (stdio, Streamable HTTP), it can do exactly
 * what that key can.
 */
export function createMcpServer({ api, version }: { api: PlatformClient; version: string }): McpServer {
  const mcp = new McpServer(
    { name: 'tcp-agent-platform', title: 'TCP Agent Platform', version },
    {
      instructions:
        'Tools for a fleet of file-transfer agents. Start with list_projects; most tools need a projectId. fleet_health_report and performance_recommendations summarise the fleet. Destructive tools (cancel_transfer, revoke_agent, delete_job, run_job of a mirror or move job) need the person to confirm.',
    },
  );
  registerTools(mcp, api, allTools);
  registerResources(mcp, api);
  registerPrompts(mcp);
  return mcp;
}
