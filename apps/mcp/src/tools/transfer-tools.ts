import { dataOf } from '@tcpa/api-client';
import {
  CreateTransferBodySchema,
  IdSchema,
  TRANSFER_ACTIONS,
  type Transfer,
  type TransferAction,
  TransferDetailSchema,
  type TransferFilters,
  TransferListSchema,
  TransferSchema,
  TransferStateSchema,
  transferDestinationWords,
  transferSourceWords,
} from '@tcpa/contracts';
import { z } from 'zod';
import { ConfirmField, requireConfirmation } from './confirm.ts';
import { formatBytes, formatRate } from './format.ts';
import { type AnyToolSpec, defineTool } from './tool-kit.ts';

const ProjectId = IdSchema.describe('the project id (from list_projects)');
const TransferId = IdSchema.describe('the transfer id (from list_transfers)');

export function describeTransfer(transfer: Transfer): string {
  const progress =
    transfer.bytesTotal !== null
      ? `${formatBytes(transfer.bytesDone)} of ${formatBytes(transfer.bytesTotal)}`
      : `${formatBytes(transfer.bytesDone)}`;
  const rate = transfer.rateBps ? ` at ${formatRate(transfer.rateBps)}` : '';
  const reason = transfer.stateReason ? ` (${transfer.stateReason})` : '';
  return `${transfer.id}: ${transfer.state}${reason}; ${transferSourceWords(transfer)}${transfer.sourceAgentId ? ` from agent ${transfer.sourceAgentId}` : ''} to ${transferDestinationWords(transfer)}${transfer.destinationAgentId ? ` on agent ${transfer.destinationAgentId}` : ''}${describeFilters(transfer.filters)}; ${progress}${rate}; attempt ${transfer.attempts} of ${transfer.maxAttempts}`;
}

/** "; only files matching "*.txt"; except "tmp/"; 1 KiB or more; hidden names skipped", or nothing. */
export function describeFilters(filters: TransferFilters | null): string {
  if (!filters) return '';
  const quoted = (patterns: string[]) => patterns.map((pattern) => JSON.stringify(pattern)).join(', ');
  const parts = [
    filters.include?.length ? `only files matching ${quoted(filters.include)}` : '',
    filters.exclude?.length ? `except ${quoted(filters.exclude)}` : '',
    filters.minSizeBytes !== undefined ? `${formatBytes(filters.minSizeBytes)} or more` : '',
    filters.maxSizeBytes !== undefined ? `${formatBytes(filters.maxSizeBytes)} or less` : '',
    filters.skipHidden ? 'hidden names skipped' : '',
  ].filter(Boolean);
  return parts.map((part) => `; ${part}`).join('');
}

const listTransfers = defineTool({
  name: 'list_transfers',
  title: 'List transfers',
  description: "Lists a project's transfers, newest first, optionally by state or by agent (as source or destination).",
  scopes: ['transfers:read'],
  input: z.strictObject({
    projectId: ProjectId,
    state: TransferStateSchema.optional(),
    agentId: IdSchema.optional().describe('only transfers from or to this agent'),
    limit: z.number().int().min(1).max(200).default(50),
  }),
  output: TransferListSchema,
  annotations: { readOnlyHint: true, idempotentHint: true },
  async run({ projectId, ...query }, { api }) {
    const { transfers } = await dataOf(
      api.GET('/api/v1/projects/{projectId}/transfers', { params: { path: { projectId }, query } }),
    );
    const lines = transfers.map((transfer) => `- ${describeTransfer(transfer)}`);
    return {
      structured: { transfers },
      text: `${transfers.length} transfer(s)${lines.length ? `:\n${lines.join('\n')}` : '.'}`,
    };
  },
});

const getTransfer = defineTool({
  name: 'get_transfer',
  title: 'Get a transfer',
  description: 'Gets one transfer with its state, reason, progress, statistics and files.',
  scopes: ['transfers:read'],
  input: z.strictObject({ projectId: ProjectId, transferId: TransferId }),
  output: TransferDetailSchema,
  annotations: { readOnlyHint: true, idempotentHint: true },
  async run({ projectId, transferId }, { api }) {
    const detail = await dataOf(
      api.GET('/api/v1/projects/{projectId}/transfers/{transferId}', { params: { path: { projectId, transferId } } }),
    );
    const files = detail.files
      .slice(0, 20)
      .map(
        (file) => `- ${file.path}: ${file.status}, ${formatBytes(file.size)}${file.error ? ` (${file.error})` : ''}`,
      );
    const more = detail.files.length > 20 ? `\n… and ${detail.files.length - 20} more files` : '';
    const decisions = detail.decisions
      .slice(-10)
      .map(
        (d) =>
          `- ${d.at}: ${d.from.streams} → ${d.to.streams} streams, chunk ${formatBytes(d.from.chunkSize)} → ${formatBytes(d.to.chunkSize)} at ${formatRate(d.throughputBps)}: ${d.reason}`,
      );
    const tuning = decisions.length
      ? `\nTuner decisions (last ${decisions.length} of ${detail.decisions.length}):\n${decisions.join('\n')}`
      : '';
    return {
      structured: detail,
      text: `${describeTransfer(detail.transfer)}${files.length ? `\nFiles:\n${files.join('\n')}${more}` : ''}${tuning}`,
    };
  },
});

const createTransfer = defineTool({
  name: 'create_transfer',
  title: 'Create a transfer',
  description:
    'Starts moving files from one agent to another in the same project, or between an agent and a storage location (sourceLocationId or destinationLocationId from list_storage_locations, with an optional prefix; the agent moves the bytes, one side must be an agent). Paths are relative to each agent\'s root (no leading "/", no ".."). The transfer waits in the queue until both agents can run it. `symlinks` says what links become (preserve, follow or skip). `filters` picks files like a .gitignore: include/exclude globs on the path inside each source path, size bounds, skipHidden.',
  scopes: ['transfers:write'],
  input: CreateTransferBodySchema.extend({ projectId: ProjectId }),
  output: TransferSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  async run({ projectId, ...body }, { api }) {
    const transfer = await dataOf(
      api.POST('/api/v1/projects/{projectId}/transfers', { params: { path: { projectId } }, body }),
    );
    return { structured: transfer, text: `Transfer created. ${describeTransfer(transfer)}` };
  },
});

/** The states an action is allowed in, in words: "queued, running or paused". */
function allowedStates(action: TransferAction): string {
  const states = [...TRANSFER_ACTIONS[action].from];
  const last = states.pop();
  return states.length === 0 ? `${last}` : `${states.join(', ')} or ${last}`;
}

function transferActionTool(
  action: TransferAction,
  spec: { title: string; description: string; destructive: boolean },
) {
  return defineTool({
    name: `${action}_transfer`,
    title: spec.title,
    description: spec.description,
    scopes: ['transfers:write'],
    input: z.strictObject({
      projectId: ProjectId,
      transferId: TransferId,
      ...(spec.destructive ? { confirm: ConfirmField } : {}),
    }),
    output: TransferSchema,
    annotations: { readOnlyHint: false, destructiveHint: spec.destructive, idempotentHint: false },
    async run(args, context) {
      const { projectId, transferId } = args;
      if (spec.destructive) {
        const { transfer } = await dataOf(
          context.api.GET('/api/v1/projects/{projectId}/transfers/{transferId}', {
            params: { path: { projectId, transferId } },
          }),
        );
        await requireConfirmation(
          context,
          (args as { confirm?: boolean }).confirm,
          `${spec.title}: ${transferSourceWords(transfer)} → ${transferDestinationWords(transfer)} (${transfer.state}, ${formatBytes(transfer.bytesDone)} done)?`,
        );
      }
      const transfer = await dataOf(
        context.api.POST(`/api/v1/projects/{projectId}/transfers/{transferId}/${action}`, {
          params: { path: { projectId, transferId } },
        }),
      );
      return { structured: transfer, text: `Done. ${describeTransfer(transfer)}` };
    },
  });
}

export const transferTools: AnyToolSpec[] = [
  listTransfers,
  getTransfer,
  createTransfer,
  transferActionTool('cancel', {
    title: 'Cancel a transfer',
    description: `Cancels a ${allowedStates('cancel')} transfer; both agents stop at once. Files already written stay. Destructive: asks the person to confirm.`,
    destructive: true,
  }),
  transferActionTool('pause', {
    title: 'Pause a transfer',
    description: `Pauses a ${allowedStates('pause')} transfer; resume_transfer continues it from where it stopped.`,
    destructive: false,
  }),
  transferActionTool('resume', {
    title: 'Resume a transfer',
    description: `Puts a ${allowedStates('resume')} transfer back in the queue; it continues from what the destination already has.`,
    destructive: false,
  }),
  transferActionTool('retry', {
    title: 'Retry a transfer',
    description: `Puts a ${allowedStates('retry')} transfer back in the queue with its attempts reset.`,
    destructive: false,
  }),
];
