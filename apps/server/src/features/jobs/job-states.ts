import type { Queryable } from '@tcpa/db';
import type { JobRow, JobRunRow } from './jobs.sql.ts';

/** What the overlap policy looks at for one locked job, read for a whole batch of jobs at once. */
export interface JobState {
  /** Why the job cannot start now (an agent gone or not approved), or null. */
  refusal: string | null;
  /** The job's oldest unfinished transfer, if any. */
  unfinishedTransferId: string | null;
  /** A run of the job already waits (overlap "queue") for the previous one. */
  runWaiting: boolean;
}

const UNFINISHED = `('queued', 'running', 'verifying', 'paused')`;

interface AgentRow {
  id: string;
  name: string;
  status: string;
  deleted_at: string | null;
}

function refusalOf(job: JobRow, agents: Map<string, AgentRow>): string | null {
  for (const [role, id] of [
    ['source', job.source_agent_id],
    ['destination', job.destination_agent_id],
  ] as const) {
    if (id === null) continue; // a storage location: it cannot go while the job names it
    const agent = agents.get(id);
    if (!agent || agent.deleted_at) return `the ${role} agent was deleted`;
    if (agent.status !== 'active') return `the ${role} agent "${agent.name}" is ${agent.status}`;
  }
  return null;
}

/** The state of every given (locked) job, in three statements whatever their number. */
export async function readJobStates(q: Queryable, jobs: JobRow[]): Promise<Map<string, JobState>> {
  if (jobs.length === 0) return new Map();
  const jobIds = jobs.map((job) => job.id);
  const agentIds = [
    ...new Set(jobs.flatMap((job) => [job.source_agent_id, job.destination_agent_id].filter((id) => id !== null))),
  ];
  const agents = await q.query<AgentRow>('select id, name, status, deleted_at from agents where id = any($1::uuid[])', [
    agentIds,
  ]);
  const unfinished = await q.query<{ job_id: string; id: string }>(
    `select distinct on (job_id) job_id, id from transfers
     where job_id = any($1::uuid[]) and state in ${UNFINISHED} order by job_id, created_at`,
    [jobIds],
  );
  const waiting = await q.query<{ job_id: string }>(
    `select distinct job_id from job_runs where job_id = any($1::uuid[]) and status = 'queued'`,
    [jobIds],
  );
  const agentsById = new Map(agents.map((agent) => [agent.id, agent]));
  const unfinishedByJob = new Map(unfinished.map((row) => [row.job_id, row.id]));
  const waitingJobs = new Set(waiting.map((row) => row.job_id));
  return new Map(
    jobs.map((job) => [
      job.id,
      {
        refusal: refusalOf(job, agentsById),
        unfinishedTransferId: unfinishedByJob.get(job.id) ?? null,
        runWaiting: waitingJobs.has(job.id),
      },
    ]),
  );
}

/** The overlap policy: start a transfer, or record the run skipped or queued with the reason. */
export function decideRun(
  job: JobRow,
  state: JobState,
): { start: true } | { start: false; status: Extract<JobRunRow['status'], 'skipped' | 'queued'>; reason: string } {
  if (state.refusal) return { start: false, status: 'skipped', reason: state.refusal };
  // A run already waiting goes first: a firing meanwhile never jumps ahead of it.
  if (job.overlap === 'queue' && state.runWaiting) {
    return { start: false, status: 'skipped', reason: 'a run is already waiting for the previous one to finish' };
  }
  const previous = job.overlap === 'parallel' ? null : state.unfinishedTransferId;
  if (previous && job.overlap === 'skip') {
    return { start: false, status: 'skipped', reason: `the previous run is still going (transfer ${previous})` };
  }
  if (previous) {
    return { start: false, status: 'queued', reason: `waiting for the previous run to finish (transfer ${previous})` };
  }
  return { start: true };
}
