import { randomUUID } from 'node:crypto';
import { type JobPreview, TransferPlanSchema } from '@tcpa/contracts';
import type { Database } from '@tcpa/db';
import type { AccessTokens } from '../../auth/access-tokens.ts';
import { AppError } from '../../http/app-error.ts';
import type { AgentConnections } from '../agents/agent-connections.ts';
import type { RequestOutcome } from '../agents/agent-requests.ts';
import { transferFiltersOf } from '../transfers/transfer-requests.ts';
import { modifiedAfterOf } from './job-runs.ts';
import { JOB_COLUMNS, type JobRow } from './jobs.sql.ts';

/** A preview walks both trees (and compares them) as a run plans: far longer than a listing's 5 s. */
export const PREVIEW_TIMEOUT_MS = 60_000;
/** The token only has to open the preview's control stream with the destination. */
const PREVIEW_TOKEN_TTL_SECONDS = 300;

interface PreviewAgent {
  id: string;
  name: string;
  status: string;
  deleted_at: string | null;
  host: string | null;
  data_port: number | null;
  data_fingerprint: string | null;
}

/**
 * What the preview needs beyond the job the caller may read: both agents' state and the
 * destination's data-channel endpoint (agents:read is not the preview's permission), and the
 * changedSinceLastRun cut-off from the job's transfers (nor is transfers:read).
 */
async function previewInputsAsService(database: Database, jobId: string) {
  return database.unsafeAsOwner(async (tx) => {
    const [job] = await tx.query<JobRow>(`select ${JOB_COLUMNS} from jobs where id = $1`, [jobId]);
    if (!job) throw new AppError('not_found', 'Job not found');
    const agents = await tx.query<PreviewAgent>(
      `select id, name, status, deleted_at, coalesce(data_host_override, data_host) as host, data_port, data_fingerprint
       from agents where id = any($1::uuid[])`,
      [[job.source_agent_id, job.destination_agent_id].filter((id) => id !== null)],
    );
    return { job, agents, modifiedAfter: await modifiedAfterOf(tx, job) };
  });
}

function agentOf(agents: PreviewAgent[], id: string, role: 'Source' | 'Destination'): PreviewAgent {
  const agent = agents.find((candidate) => candidate.id === id);
  if (!agent || agent.deleted_at) throw new AppError('conflict', `${role} agent was deleted`, { reason: 'agent_gone' });
  if (agent.status !== 'active') {
    throw new AppError('conflict', `${role} agent "${agent.name}" is ${agent.status}: approve it first`, {
      reason: 'agent_not_active',
    });
  }
  return agent;
}

function failureOf(outcome: Exclude<RequestOutcome, { kind: 'answered'; ok: true }>, name: string): AppError {
  switch (outcome.kind) {
    case 'offline':
      return new AppError('conflict', `Source agent "${name}" is offline: a preview needs it connected`, {
        reason: 'agent_offline',
      });
    case 'timeout':
      return new AppError(
        'conflict',
        `Source agent "${name}" did not finish the preview in ${PREVIEW_TIMEOUT_MS / 1000} s: try again`,
        { reason: 'agent_timeout' },
      );
    case 'busy':
      return new AppError(
        'rate_limited',
        `Source agent "${name}" is still answering earlier requests: try again`,
        { reason: 'agent_busy' },
        { 'retry-after': '5' },
      );
    case 'answered':
      return new AppError('conflict', `The preview failed: ${outcome.error}`, { reason: 'preview_failed' });
  }
}

/**
 * Asks the source agent to plan the job's next run with the destination, over the data channel
 * with a transfer token of its own (a fresh id, attempt 1, the job's mode), and returns the plan.
 * Nothing is sent or deleted, nothing stored: no transfer, no run, no audit entry.
 */
export async function previewJobAsService(
  deps: { database: Database; tokens: AccessTokens; agents: Pick<AgentConnections, 'request'> },
  jobId: string,
): Promise<JobPreview> {
  const { job, agents, modifiedAfter } = await previewInputsAsService(deps.database, jobId);
  const { source_paths: sourcePaths, destination_dir: destinationDir } = job;
  if (job.source_agent_id === null || job.destination_agent_id === null || !sourcePaths || destinationDir === null) {
    throw new AppError(
      'conflict',
      `A preview compares two agents' folders; this job's ${job.source_agent_id === null ? 'source' : 'destination'} is a storage location. Run it to see what it sends: each file's outcome is listed on its transfer.`,
      { reason: 'preview_needs_agents' },
    );
  }
  const source = agentOf(agents, job.source_agent_id, 'Source');
  const destination = agentOf(agents, job.destination_agent_id, 'Destination');
  const { host, data_port: port, data_fingerprint: fingerprint } = destination;
  if (host === null || port === null || fingerprint === null) {
    throw new AppError('conflict', `Destination agent "${destination.name}" is offline: a preview needs it connected`, {
      reason: 'agent_offline',
    });
  }
  const previewId = randomUUID();
  const token = await deps.tokens.signTransferToken(
    {
      transferId: previewId,
      attempt: 1,
      sourceAgentId: source.id,
      destinationAgentId: destination.id,
      paths: sourcePaths,
      destinationDir,
      mode: job.mode,
    },
    PREVIEW_TOKEN_TTL_SECONDS,
  );
  const outcome = await deps.agents.request(
    source.id,
    (requestId) => ({
      name: 'transfer.preview',
      args: {
        requestId,
        transferId: previewId,
        attempt: 1,
        token,
        sourcePaths,
        destinationAgentId: destination.id,
        destination: { host, port, fingerprint },
        overwrite: job.overwrite,
        symlinks: job.symlinks,
        filters: transferFiltersOf(job.filters),
        mode: job.mode,
        modifiedAfterMs: modifiedAfter === null ? null : new Date(modifiedAfter).getTime(),
      },
    }),
    { timeoutMs: PREVIEW_TIMEOUT_MS },
  );
  if (outcome.kind !== 'answered' || !outcome.ok) throw failureOf(outcome, source.name);
  const plan = TransferPlanSchema.safeParse(outcome.result);
  if (!plan.success) {
    throw new AppError(
      'conflict',
      `Source agent "${source.name}" answered the preview with something that is not a plan: update the agent to this release`,
      { reason: 'preview_failed' },
    );
  }
  return { jobId: job.id, mode: job.mode, plannedAt: new Date().toISOString(), plan: plan.data };
}
