import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { createApiKey, type Person } from './people.ts';
import type { TestServer } from './test-server.ts';

/**
 * One real record of every kind a route takes the id of, made in `projectId` by the company's
 * owner, keyed by the names routes give those ids (`agentId`, `transferId`...). A route that
 * takes an id of a new kind needs a line here saying how to make one.
 */
export type CompanyRecords = Record<
  | 'companyId'
  | 'projectId'
  | 'tokenId'
  | 'agentId'
  | 'sourceAgentId'
  | 'destinationAgentId'
  | 'transferId'
  | 'jobId'
  | 'channelId'
  | 'ruleId'
  | 'alertId'
  | 'locationId'
  | 'invitationId'
  | 'apiKeyId'
  | 'enrolmentToken'
  | 'invitationToken',
  string
>;

/** Values of fields whose schema alone does not tell a valid one. */
export const VALID_VALUES: Record<string, string> = {
  root: '/srv/transfer-folder',
  x: 'C'.repeat(43),
  cron: '0 2 * * *',
  // A public address: no DNS lookup (the tests have no internet), and never contacted.
  url: 'https://93.184.215.14/hooks/T000/B000',
  endpoint: 'https://minio.example.com:9000',
};

export async function createCompanyRecords(
  server: TestServer,
  owner: Person,
  projectId: string,
  label: string,
): Promise<CompanyRecords> {
  const domain = owner.email.split('@')[1];
  const made = async (method: string, path: string, body: unknown) => {
    const response = await server.request(method, path, { token: owner.token, body });
    expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBe(201);
    return response.body;
  };
  const token = await made('POST', `/api/v1/projects/${projectId}/enrolment-tokens`, {
    name: `${label} token`,
    reusable: true,
    preApproved: true,
  });
  const enrol = async (name: string) => {
    const publicKey = { kty: 'OKP', crv: 'Ed25519', x: randomBytes(32).toString('base64url') };
    const response = await server.request('POST', '/api/v1/agents/enrol', {
      body: { token: token.secret, name: `${label} ${name}`, publicKey },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.agentId as string;
  };
  const sourceAgentId = await enrol('source');
  const destinationAgentId = await enrol('destination');
  const transfer = await made('POST', `/api/v1/projects/${projectId}/transfers`, {
    sourceAgentId,
    sourcePaths: ['a'],
    destinationAgentId,
    destinationDir: 'b',
  });
  const job = await made('POST', `/api/v1/projects/${projectId}/jobs`, {
    name: `${label} job`,
    sourceAgentId,
    sourcePaths: ['a'],
    destinationAgentId,
    destinationDir: 'b',
    schedules: [{ kind: 'cron', cron: '0 2 * * *', timeZone: 'Europe/Berlin' }],
  });
  const channel = await made('POST', '/api/v1/notification-channels', {
    kind: 'email',
    name: `${label} on call`,
    recipients: [`oncall@${domain}`],
  });
  const rule = await made('POST', `/api/v1/projects/${projectId}/alert-rules`, {
    name: `${label} failures`,
    condition: 'transfer_failed',
    channelIds: [channel.channel.id],
  });
  const [alert] = await server.sql<{ id: string }>(
    `insert into alerts (company_id, project_id, rule_id, rule_name, condition, severity, subject_type, subject_id,
       subject_name, title)
     values ($1, $2, $3, $4, 'transfer_failed', 'warning', 'transfer', $5, $6, $7) returning id`,
    [owner.companyId, projectId, rule.id, rule.name, transfer.id, `${label} transfer`, `${label} transfer failed`],
  );
  const location = await made('POST', `/api/v1/projects/${projectId}/storage-locations`, {
    kind: 's3',
    name: `${label} archive`,
    bucket: `${label}-archive`,
    region: 'eu-central-1',
    credentials: { mode: 'access_key', accessKeyId: `${label}-key-id`, secretAccessKey: `${label}-secret-key` },
  });
  const invitation = await made('POST', '/api/v1/invitations', { email: `invited@${domain}`, role: 'member' });
  const apiKey = await createApiKey(server, owner, { name: `${label} key`, scopes: ['projects:read'] });
  return {
    companyId: owner.companyId,
    projectId,
    tokenId: token.token.id,
    agentId: sourceAgentId,
    sourceAgentId,
    destinationAgentId,
    transferId: transfer.id,
    jobId: job.id,
    channelId: channel.channel.id,
    ruleId: rule.id,
    alertId: alert?.id ?? '',
    locationId: location.id,
    invitationId: invitation.invitation.id,
    apiKeyId: apiKey.id,
    enrolmentToken: token.secret,
    invitationToken: invitation.token,
  };
}
