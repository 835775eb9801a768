import type { Alert, AlertRule, CreateAlertRuleBody, UpdateAlertRuleBody } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';
import { refuseDuplicateName } from '../../http/duplicate-name.ts';

const NAME_TAKEN = 'alert_rules_project_id_name_key';

interface RuleRow {
  id: string;
  project_id: string;
  name: string;
  condition: AlertRule['condition'];
  threshold: number | null;
  for_minutes: number | null;
  severity: AlertRule['severity'];
  quiet_minutes: number;
  enabled: boolean;
  channel_ids: string[];
  created_at: string;
}

const COLUMNS = `r.id, r.project_id, r.name, r.condition, r.threshold, r.for_minutes, r.severity, r.quiet_minutes,
  r.enabled, r.created_at,
  coalesce((select array_agg(rc.channel_id order by rc.channel_id) from alert_rule_channels rc where rc.rule_id = r.id),
    '{}') as channel_ids`;

const toRule = (row: RuleRow): AlertRule => ({
  id: row.id,
  projectId: row.project_id,
  name: row.name,
  condition: row.condition,
  threshold: row.threshold,
  forMinutes: row.for_minutes,
  severity: row.severity,
  quietMinutes: row.quiet_minutes,
  enabled: row.enabled,
  channelIds: row.channel_ids,
  createdAt: row.created_at,
});

export async function listAlertRules(tx: Queryable, projectId: string): Promise<AlertRule[]> {
  const rows = await tx.query<RuleRow>(`select ${COLUMNS} from alert_rules r where r.project_id = $1 order by r.name`, [
    projectId,
  ]);
  return rows.map(toRule);
}

export async function getAlertRule(tx: Queryable, projectId: string, ruleId: string): Promise<AlertRule | undefined> {
  const [row] = await tx.query<RuleRow>(`select ${COLUMNS} from alert_rules r where r.project_id = $1 and r.id = $2`, [
    projectId,
    ruleId,
  ]);
  return row && toRule(row);
}

export async function insertAlertRule(tx: Queryable, projectId: string, body: CreateAlertRuleBody): Promise<string> {
  const [row] = await tx
    .query<{ id: string }>(
      `insert into alert_rules (company_id, project_id, name, condition, threshold, for_minutes, severity, quiet_minutes,
       enabled, created_by)
     values (app.company_id(), $1, $2, $3, $4, $5, $6, $7, $8, app.user_id()) returning id`,
      [
        projectId,
        body.name,
        body.condition,
        body.threshold,
        body.forMinutes,
        body.severity,
        body.quietMinutes,
        body.enabled,
      ],
    )
    .catch(refuseDuplicateName(NAME_TAKEN, 'A rule', body.name));
  if (!row) throw new Error('insert returned nothing');
  return row.id;
}

export async function updateAlertRule(tx: Queryable, ruleId: string, change: UpdateAlertRuleBody) {
  await tx
    .query(
      `update alert_rules set name = coalesce($2, name),
       threshold = case when $3 then $4 else threshold end,
       for_minutes = case when $5 then $6 else for_minutes end,
       severity = coalesce($7, severity), quiet_minutes = coalesce($8, quiet_minutes), enabled = coalesce($9, enabled),
       updated_at = now()
     where id = $1`,
      [
        ruleId,
        change.name ?? null,
        change.threshold !== undefined,
        change.threshold ?? null,
        change.forMinutes !== undefined,
        change.forMinutes ?? null,
        change.severity ?? null,
        change.quietMinutes ?? null,
        change.enabled ?? null,
      ],
    )
    .catch(refuseDuplicateName(NAME_TAKEN, 'A rule', change.name));
}

export async function setRuleChannels(tx: Queryable, rule: { id: string; projectId: string }, channelIds: string[]) {
  await tx.query('delete from alert_rule_channels where rule_id = $1', [rule.id]);
  await tx.query(
    `insert into alert_rule_channels (rule_id, channel_id, company_id, project_id)
     select $1, id, app.company_id(), $2 from unnest($3::uuid[]) as id`,
    [rule.id, rule.projectId, channelIds],
  );
}

export async function deleteAlertRule(tx: Queryable, projectId: string, ruleId: string): Promise<boolean> {
  const rows = await tx.query('delete from alert_rules where project_id = $1 and id = $2 returning id', [
    projectId,
    ruleId,
  ]);
  return rows.length > 0;
}

interface AlertRow {
  id: string;
  project_id: string;
  rule_id: string | null;
  rule_name: string;
  condition: string;
  severity: Alert['severity'];
  subject_type: Alert['subjectType'];
  subject_id: string;
  subject_name: string;
  title: string;
  state: Alert['state'];
  opened_at: string;
  resolved_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  open_notice: 'pending' | 'sent' | 'suppressed';
}

const ALERT_COLUMNS = `id, project_id, rule_id, rule_name, condition, severity, subject_type, subject_id, subject_name,
  title, state, opened_at, resolved_at, acknowledged_at, acknowledged_by, open_notice`;

const NOTICE_OF = { pending: 'waiting', sent: 'sent', suppressed: 'held_back' } as const;

const toAlert = (row: AlertRow): Alert => ({
  id: row.id,
  projectId: row.project_id,
  ruleId: row.rule_id,
  ruleName: row.rule_name,
  condition: row.condition,
  severity: row.severity,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  subjectName: row.subject_name,
  title: row.title,
  state: row.state,
  openedAt: row.opened_at,
  resolvedAt: row.resolved_at,
  acknowledgedAt: row.acknowledged_at,
  acknowledgedBy: row.acknowledged_by,
  notice: NOTICE_OF[row.open_notice],
});

/** Open alerts first, then the most recent; `state` narrows to open or resolved ones. */
export async function listAlerts(
  tx: Queryable,
  projectId: string,
  options: { state: 'open' | 'resolved' | 'all'; limit: number },
): Promise<Alert[]> {
  const rows = await tx.query<AlertRow>(
    `select ${ALERT_COLUMNS} from alerts where project_id = $1 and ($2 = 'all' or state = $2)
     order by state = 'open' desc, opened_at desc limit $3`,
    [projectId, options.state, options.limit],
  );
  return rows.map(toAlert);
}

export async function acknowledgeAlert(tx: Queryable, projectId: string, alertId: string): Promise<Alert | undefined> {
  const [row] = await tx.query<AlertRow>(
    `update alerts set acknowledged_at = coalesce(acknowledged_at, now()),
       acknowledged_by = coalesce(acknowledged_by, app.user_id())
     where project_id = $1 and id = $2 returning ${ALERT_COLUMNS}`,
    [projectId, alertId],
  );
  return row && toAlert(row);
}
