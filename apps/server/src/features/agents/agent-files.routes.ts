import { FileListQuerySchema, FileListSchema, IdSchema } from '@tcpa/contracts';
import { z } from 'zod';
import { AppError, notFound } from '../../http/app-error.ts';
import { AfterTransaction, tenantRoute } from '../../http/route.ts';
import type { RequestOutcome } from './agent-requests.ts';
import { getAgentRow } from './agents.sql.ts';

const AgentParams = z.strictObject({ projectId: IdSchema, agentId: IdSchema });

/**
 * What a person sees when the agent does not list: 409 while it cannot answer (offline, or
 * silent for 5 s), 429 while too many listings wait on it, 400 with the agent's reason when it
 * refused the path. `details.reason` tells them apart for programs.
 */
function failureOf(outcome: Exclude<RequestOutcome, { kind: 'answered'; ok: true }>, name: string): AppError {
  switch (outcome.kind) {
    case 'offline':
      return new AppError('conflict', `Agent "${name}" is offline: it lists files only while connected`, {
        reason: 'agent_offline',
      });
    case 'timeout':
      return new AppError('conflict', `Agent "${name}" did not answer in 5 s: try again`, { reason: 'agent_timeout' });
    case 'busy':
      return new AppError(
        'rate_limited',
        `Agent "${name}" is still answering earlier listings: try again`,
        {
          reason: 'agent_busy',
        },
        { 'retry-after': '5' },
      );
    case 'answered':
      return new AppError('bad_request', `Agent "${name}" refused: ${outcome.error}`, { reason: 'path_refused' });
  }
}

export const agentFileRoutes = [
  tenantRoute({
    method: 'get',
    path: '/api/v1/projects/:projectId/agents/:agentId/files',
    summary:
      "List one directory inside an agent's roots (path relative to its first root, '' for the root), a page at a time, sorted by name; the agent answers within 5 s",
    tags: ['agents'],
    access: { kind: 'project', permission: 'agents:read', param: 'projectId' },
    params: AgentParams,
    query: FileListQuerySchema,
    response: FileListSchema,
    async handler({ tx, params, query, deps }) {
      const row = await getAgentRow(tx, params.projectId, params.agentId);
      if (!row) throw notFound('Agent');
      if (row.status !== 'active') {
        throw new AppError('conflict', `Agent "${row.name}" is ${row.status}: only an approved agent lists its files`, {
          reason: 'agent_not_active',
        });
      }
      return new AfterTransaction(async () => {
        const outcome = await deps.agents.request(row.id, (requestId) => ({
          name: 'agent.list_files',
          args: { requestId, path: query.path, cursor: query.cursor ?? null, limit: query.limit },
        }));
        if (outcome.kind !== 'answered' || !outcome.ok) throw failureOf(outcome, row.name);
        const listing = FileListSchema.safeParse(outcome.result);
        if (!listing.success)
          throw new AppError('internal', `Agent "${row.name}" answered with something not a file list`);
        return listing.data;
      });
    },
  }),
];
