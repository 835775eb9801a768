import type { Queryable } from '@tcpa/db';
import type { OutboxEvent } from './event-fanout.ts';

type SubjectType = 'agent' | 'transfer' | 'job';

/** Events that open an alert of a rule with this condition, about the event's subject. */
const OPENS: Record<string, { condition: string; subjectType: SubjectType }> = {
  'transfer.failed': { condition: 'transfer_failed', subjectType: 'transfer' },
  'job.run_failed': { condition: 'job_run_failed', subjectType: 'job' },
  'job.run_skipped': { condition: 'job_run_skipped', subjectType: 'job' },
  'job.run_missed': { condition: 'job_run_missed', subjectType: 'job' },
  'agent.pending': { condition: 'agent_pending', subjectType: 'agent' },
};

/** Events that clear open alerts of these conditions about the same subject. */
const RESOLVES: Record<string, string[]> = {
  'transfer.succeeded': ['transfer_failed'],
  'job.run_succeeded': ['job_run_failed', 'job_run_skipped', 'job_run_missed'],
  'job.run_started': ['job_run_skipped', 'job_run_missed'],
  'agent.approved': ['agent_pending'],
  'agent.rejected': ['agent_pending'],
  'agent.revoked': ['agent_pending'],
};

/** Opens and resolves the alerts a batch of events calls for, at most one open per rule and subject. */
export async function openAndResolveEventAlerts(tx: Queryable, events: OutboxEvent[]): Promise<void> {
  const names = await agentNamesOf(tx, events);
  for (const event of events) {
    if (!event.project_id || !event.subject_id) continue;
    const resolved = RESOLVES[event.type];
    if (resolved) await resolveAlerts(tx, event.project_id, event.subject_id, resolved);
    const opens = OPENS[event.type];
    if (!opens) continue;
    const { title, subjectName } = describe(event, names);
    await tx.query(
      `insert into alerts (company_id, project_id, rule_id, rule_name, condition, severity, subject_type, subject_id,
         subject_name, title, details)
       select r.company_id, r.project_id, r.id, r.name, r.condition, r.severity, $3, $4, $5, $6, $7
       from alert_rules r where r.project_id = $1 and r.condition = $2 and r.enabled
       on conflict (rule_id, subject_id) where state = 'open' do nothing`,
      [
        event.project_id,
        opens.condition,
        opens.subjectType,
        event.subject_id,
        subjectName.slice(0, 300),
        title.slice(0, 500),
        JSON.stringify({ event: event.type, ...event.data }),
      ],
    );
  }
}

/** Clears open alerts about a subject; the "resolved" message goes out only if the alert was (or will be) told. */
export async function resolveAlerts(tx: Queryable, projectId: string, subjectId: string, conditions: string[]) {
  await tx.query(
    `update alerts set state = 'resolved', resolved_at = now(),
       resolve_notice = case when open_notice = 'suppressed' then 'suppressed' else 'pending' end
     where project_id = $1 and subject_id = $2 and condition = any($3::text[]) and state = 'open'`,
    [projectId, subjectId, conditions],
  );
}

async function agentNamesOf(tx: Queryable, events: OutboxEvent[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const event of events) {
    for (const key of ['sourceAgentId', 'destinationAgentId']) {
      const id = event.data[key];
      if (typeof id === 'string') ids.add(id);
    }
  }
  if (ids.size === 0) return new Map();
  const rows = await tx.query<{ id: string; name: string }>('select id, name from agents where id = any($1::uuid[])', [
    [...ids],
  ]);
  return new Map(rows.map((row) => [row.id, row.name]));
}

function describe(event: OutboxEvent, agentNames: Map<string, string>): { title: string; subjectName: string } {
  const data = event.data;
  const reason = typeof data.reason === 'string' && data.reason ? `: ${data.reason}` : '';
  switch (event.type) {
    case 'transfer.failed': {
      // A side without an agent is a storage location: its label stands for it.
      const sideOf = (agentId: unknown) =>
        agentNames.get(String(agentId)) ??
        (agentId === null && typeof data.storeLabel === 'string' ? data.storeLabel : 'an agent');
      const from = sideOf(data.sourceAgentId);
      const to = sideOf(data.destinationAgentId);
      return { title: `Transfer from "${from}" to "${to}" failed${reason}`, subjectName: `${from} → ${to}` };
    }
    case 'job.run_failed':
      return { title: `Job "${data.jobName}" failed${reason}`, subjectName: String(data.jobName) };
    case 'job.run_skipped':
      return { title: `Job "${data.jobName}" skipped a run${reason}`, subjectName: String(data.jobName) };
    case 'job.run_missed':
      return {
        title: `Job "${data.jobName}" missed its run of ${data.fireTime}${reason}`,
        subjectName: String(data.jobName),
      };
    case 'agent.pending':
      return { title: `Agent "${data.name}" is waiting for approval`, subjectName: String(data.name) };
    default:
      return { title: event.type, subjectName: String(event.subject_id) };
  }
}
