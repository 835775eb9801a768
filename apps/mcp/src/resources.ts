import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { PlatformClient } from '@tcpa/api-client';
import { ApiError, dataOf } from '@tcpa/api-client';
import { type Agent, type Transfer, transferDestinationWords, transferSourceWords } from '@tcpa/contracts';
import { explainApiError } from './api/api-error.ts';

const MAX_LISTED = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function projectIds(api: PlatformClient): Promise<string[]> {
  return (await dataOf(api.GET('/api/v1/projects'))).projects.map((project) => project.id);
}

/** Finds which visible project holds an id; the API answers 404 for the others. */
async function findInProjects<T>(api: PlatformClient, read: (projectId: string) => Promise<T>): Promise<T | null> {
  for (const projectId of await projectIds(api)) {
    try {
      return await read(projectId);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'not_found') throw error;
    }
  }
  return null;
}

function asJson(uri: URL, value: unknown) {
  return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(value, null, 2) }] };
}

async function readOrExplain<T>(uri: URL, id: unknown, what: string, read: (id: string) => Promise<T | null>) {
  if (typeof id !== 'string' || !UUID.test(id)) throw new Error(`${uri.href}: the ${what} id must be a UUID`);
  try {
    const value = await read(id);
    if (value === null) throw new Error(`${uri.href}: no such ${what} in the projects this API key can see`);
    return asJson(uri, value);
  } catch (error) {
    if (error instanceof ApiError) throw new Error(`${uri.href}: ${explainApiError(error)}`);
    throw error;
  }
}

/** Agents and transfers by URI: tcpa://agents/{agentId}, tcpa://transfers/{transferId}. */
export function registerResources(mcp: McpServer, api: PlatformClient) {
  mcp.registerResource(
    'agent',
    new ResourceTemplate('tcpa://agents/{agentId}', {
      list: async () => {
        const agents: Agent[] = [];
        for (const projectId of await projectIds(api)) {
          agents.push(
            ...(await dataOf(api.GET('/api/v1/projects/{projectId}/agents', { params: { path: { projectId } } })))
              .agents,
          );
          if (agents.length >= MAX_LISTED) break;
        }
        return {
          resources: agents.slice(0, MAX_LISTED).map((agent) => ({
            uri: `tcpa://agents/${agent.id}`,
            name: agent.name,
            description: `${agent.status}, ${agent.online ? 'online' : 'offline'}, ${agent.hostname ?? 'unknown host'}`,
            mimeType: 'application/json',
          })),
        };
      },
    }),
    { title: 'Agent', description: 'An agent: status, presence, tags, host', mimeType: 'application/json' },
    (uri, { agentId }) =>
      readOrExplain(uri, agentId, 'agent', (id) =>
        findInProjects(api, (projectId) =>
          dataOf(
            api.GET('/api/v1/projects/{projectId}/agents/{agentId}', { params: { path: { projectId, agentId: id } } }),
          ),
        ),
      ),
  );

  mcp.registerResource(
    'transfer',
    new ResourceTemplate('tcpa://transfers/{transferId}', {
      list: async () => {
        const transfers: Transfer[] = [];
        for (const projectId of await projectIds(api)) {
          transfers.push(
            ...(
              await dataOf(
                api.GET('/api/v1/projects/{projectId}/transfers', {
                  params: { path: { projectId }, query: { limit: 50 } },
                }),
              )
            ).transfers,
          );
          if (transfers.length >= MAX_LISTED) break;
        }
        return {
          resources: transfers.slice(0, MAX_LISTED).map((transfer) => ({
            uri: `tcpa://transfers/${transfer.id}`,
            name: `${transfer.sourcePaths?.[0] ?? transferSourceWords(transfer)}${(transfer.sourcePaths?.length ?? 0) > 1 ? ` (+${(transfer.sourcePaths?.length ?? 0) - 1})` : ''} → ${transferDestinationWords(transfer)}`,
            description: `${transfer.state}${transfer.stateReason ? `: ${transfer.stateReason}` : ''}`,
            mimeType: 'application/json',
          })),
        };
      },
    }),
    { title: 'Transfer', description: 'A transfer with its state, progress and files', mimeType: 'application/json' },
    (uri, { transferId }) =>
      readOrExplain(uri, transferId, 'transfer', (id) =>
        findInProjects(api, (projectId) =>
          dataOf(
            api.GET('/api/v1/projects/{projectId}/transfers/{transferId}', {
              params: { path: { projectId, transferId: id } },
            }),
          ),
        ),
      ),
  );
}
