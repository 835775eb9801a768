import { randomUUID } from 'node:crypto';
import type { Queryable } from '../src/index.ts';

/**
 * One company with a row in every tenant table, for the row-level-security test. A table that
 * gets a company_id or project_id column needs a line here: rls.test.ts fails, naming this file,
 * when a table the application role can reach has no seeded row.
 */
export const SEED_FILE = 'packages/db/test/seed-tenant.ts';

export interface Tenant {
  companyId: string;
  ownerId: string;
  projectId: string;
  apiKeyId: string;
  invitationId: string;
}

export async function seedTenant(tx: Queryable, name: string): Promise<Tenant> {
  const one = async (sql: string, params: unknown[]) => {
    const [row] = await tx.query<{ id: string }>(sql, params);
    if (!row) throw new Error(`seed failed: ${sql}`);
    return row.id;
  };
  const companyId = await one('insert into companies (name) values ($1) returning id', [name]);
  await tx.query(`insert into subscriptions (company_id, plan_id) values ($1, 'enterprise')`, [companyId]);
  const ownerId = await one(`insert into users (email, password_hash) values ($1, 'x') returning id`, [
    `owner@${name}.test`,
  ]);
  await tx.query(
    `insert into company_memberships (company_id, user_id, role_id)
     select $1, $2, id from roles where company_id is null and scope = 'company' and key = 'owner'`,
    [companyId, ownerId],
  );
  await tx.query(
    `insert into roles (company_id, scope, key, name, permissions)
     values ($1, 'project', 'auditor', 'Auditor', '{transfers:read}')`,
    [companyId],
  );
  const projectId = await one('insert into projects (company_id, name) values ($1, $2) returning id', [
    companyId,
    `${name}-project`,
  ]);
  await tx.query(
    `insert into project_members (project_id, company_id, user_id, role_id)
     select $1, $2, $3, id from roles where company_id is null and scope = 'project' and key = 'admin'`,
    [projectId, companyId, ownerId],
  );
  await tx.query(
    `insert into refresh_tokens (family_id, user_id, company_id, token_hash, expires_at)
     values (gen_random_uuid(), $1, $2, $3, now() + interval '1 day')`,
    [ownerId, companyId, randomUUID()],
  );
  const apiKeyId = await one(
    `insert into api_keys (company_id, created_by, name, prefix, secret_hash, scopes)
     values ($1, $2, 'k', $3, 'h', '{projects:read}') returning id`,
    [companyId, ownerId, `tcpa_${randomUUID().slice(0, 8)}`],
  );
  const invitationId = await one(
    `insert into invitations (company_id, email, role_id, token_hash, expires_at)
     select $1, $2, id, $3, now() + interval '1 day' from roles
     where company_id is null and scope = 'company' and key = 'member' returning id`,
    [companyId, `invitee@${name}.test`, randomUUID()],
  );
  await tx.query(
    `insert into audit_log (company_id, actor_user_id, action, target_type) values ($1, $2, 'seeded', 'company')`,
    [companyId, ownerId],
  );
  await seedAgentsAndTransfers(tx, { companyId, projectId, ownerId, name });
  await seedNotifications(tx, { companyId, projectId, name });
  return { companyId, ownerId, projectId, apiKeyId, invitationId };
}

async function seedAgentsAndTransfers(
  tx: Queryable,
  { companyId, projectId, ownerId, name }: { companyId: string; projectId: string; ownerId: string; name: string },
) {
  const tenant = [companyId, projectId];
  const [token] = await tx.query<{ id: string }>(
    `insert into enrolment_tokens (company_id, project_id, name, prefix, secret_hash, reusable, pre_approved,
       expires_at, created_by)
     values ($1, $2, 't', $3, 'h', true, true, now() + interval '1 day', $4) returning id`,
    [...tenant, `tcpe_${randomUUID().slice(0, 8)}`, ownerId],
  );
  const [source, destination] = await tx.query<{ id: string }>(
    `insert into agents (company_id, project_id, name, status, public_key, enrolment_token_id)
     values ($1, $2, $3, 'active', '{}', $5), ($1, $2, $4, 'active', '{}', $5) returning id`,
    [...tenant, `${name}-source`, `${name}-destination`, token?.id],
  );
  await tx.query(
    `insert into telemetry (agent_id, company_id, project_id, seq, ts, cpu_pct) values ($1, $2, $3, 1, now(), 5)`,
    [source?.id, ...tenant],
  );
  await tx.query(
    `insert into telemetry_minute (agent_id, company_id, project_id, minute, samples)
     values ($1, $2, $3, date_trunc('minute', now()), 1)`,
    [source?.id, ...tenant],
  );
  const [transfer] = await tx.query<{ id: string }>(
    `insert into transfers (company_id, project_id, source_agent_id, source_paths, destination_agent_id,
       destination_dir, overwrite, priority, max_attempts, created_by)
     values ($1, $2, $3, '{/data}', $4, '/in', 'overwrite', 5, 3, $5) returning id`,
    [...tenant, source?.id, destination?.id, ownerId],
  );
  await tx.query(
    `insert into transfer_files (transfer_id, company_id, project_id, path, size, status)
     values ($1, $2, $3, 'a.bin', 10, 'done')`,
    [transfer?.id, ...tenant],
  );
  await tx.query(
    `insert into transfer_decisions (transfer_id, company_id, project_id, attempt, seq, at, from_streams,
       from_chunk_size, to_streams, to_chunk_size, throughput_bps, reason)
     values ($1, $2, $3, 1, 1, now(), 1, 65536, 2, 65536, 1e6, 'probe')`,
    [transfer?.id, ...tenant],
  );
  const [job] = await tx.query<{ id: string }>(
    `insert into jobs (company_id, project_id, name, source_agent_id, source_paths, destination_agent_id,
       destination_dir, overwrite, priority, max_attempts, created_by)
     values ($1, $2, 'nightly', $3, '{/data}', $4, '/in', 'overwrite', 5, 3, $5) returning id`,
    [...tenant, source?.id, destination?.id, ownerId],
  );
  const [schedule] = await tx.query<{ id: string }>(
    `insert into job_schedules (job_id, company_id, project_id, kind, cron, time_zone, next_fire_at)
     values ($1, $2, $3, 'cron', '0 2 * * *', 'Europe/Berlin', now() + interval '1 hour') returning id`,
    [job?.id, ...tenant],
  );
  await tx.query(
    `insert into job_runs (job_id, company_id, project_id, job_name, schedule_id, trigger, fire_time, status)
     values ($1, $2, $3, 'nightly', $4, 'schedule', now(), 'missed')`,
    [job?.id, ...tenant, schedule?.id],
  );
  await seedCloudTransfer(tx, tenant, source?.id, ownerId);
  await tx.query(
    `insert into transfer_paths (source_agent_id, destination_agent_id, company_id, project_id, streams,
       chunk_size, rate_bps)
     values ($1, $2, $3, $4, 2, 65536, 1e6)`,
    [source?.id, destination?.id, ...tenant],
  );
}

async function seedNotifications(
  tx: Queryable,
  { companyId, projectId, name }: { companyId: string; projectId: string; name: string },
) {
  const [channel] = await tx.query<{ id: string }>(
    `insert into notification_channels (company_id, name, kind, url_sealed, url_host, secret_sealed, event_types)
     values ($1, $2, 'webhook', 'v1.x', 'hooks.example.com', 'v1.y', '{transfer.*}') returning id`,
    [companyId, `${name}-hook`],
  );
  const [rule] = await tx.query<{ id: string }>(
    `insert into alert_rules (company_id, project_id, name, condition, severity)
     values ($1, $2, 'failures', 'transfer_failed', 'warning') returning id`,
    [companyId, projectId],
  );
  await tx.query(
    'insert into alert_rule_channels (rule_id, channel_id, company_id, project_id) values ($1, $2, $3, $4)',
    [rule?.id, channel?.id, companyId, projectId],
  );
  await tx.query(
    `insert into alerts (company_id, project_id, rule_id, rule_name, condition, severity, subject_type, subject_id,
       subject_name, title)
     values ($1, $2, $3, 'failures', 'transfer_failed', 'warning', 'transfer', gen_random_uuid(), 't', 'failed')`,
    [companyId, projectId, rule?.id],
  );
  await tx.query(
    `insert into outbox_events (company_id, project_id, type, data) values ($1, $2, 'transfer.failed', '{}')`,
    [companyId, projectId],
  );
  const [delivery] = await tx.query<{ id: string }>(
    `insert into notification_deliveries (company_id, channel_id, kind, event_type, summary, payload)
     values ($1, $2, 'webhook', 'transfer.failed', 'a transfer failed', '{}') returning id`,
    [companyId, channel?.id],
  );
  await tx.query(
    `insert into notification_delivery_attempts (delivery_id, company_id, channel_id, attempt, started_at, duration_ms,
       status_code)
     values ($1, $2, $3, 1, now(), 12, 200)`,
    [delivery?.id, companyId, channel?.id],
  );
}

/** A storage location, an upload to it and the multipart upload it began (migrations 026, 027). */
async function seedCloudTransfer(tx: Queryable, tenant: string[], sourceAgentId: string | undefined, ownerId: string) {
  const one = async (sql: string, params: unknown[]) => {
    const [row] = await tx.query<{ id: string }>(sql, params);
    if (!row) throw new Error(`seed failed: ${sql}`);
    return row.id;
  };
  const location = await one(
    `insert into storage_locations (company_id, project_id, name, kind, settings, credentials_shown, credentials)
     values ($1, $2, 'archive', 's3', '{"bucket": "archive", "region": "eu-west-1"}',
       '{"mode": "access_key", "accessKeyId": "AKIAEXAMPLE"}', 'v1.x') returning id`,
    [...tenant],
  );
  const upload = await one(
    `insert into transfers (company_id, project_id, source_agent_id, source_paths, destination_location_id,
       destination_prefix, store_label, overwrite, priority, max_attempts, created_by)
     values ($1, $2, $3, '{data}', $4, 'in', 's3://archive/in', 'overwrite', 5, 3, $5) returning id`,
    [...tenant, sourceAgentId, location, ownerId],
  );
  const multipart = await one(
    `insert into cloud_uploads (transfer_id, company_id, project_id, key, object_key, upload_id, size_bytes,
       sha256_hex, part_size_bytes)
     values ($1, $2, $3, 'a.bin', 'in/a.bin', 'upload-1', 10, repeat('0', 64), 16777216) returning id`,
    [upload, ...tenant],
  );
  await tx.query(
    `insert into cloud_upload_parts (upload_id, company_id, project_id, part_number, size_bytes, etag, sha256_base64)
     values ($1, $2, $3, 1, 10, '"etag"', repeat('A', 43) || '=')`,
    [multipart, ...tenant],
  );
}
