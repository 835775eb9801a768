import { expect } from 'vitest';
import { type LiveServer, startLiveServer } from '../live-server.ts';
import { type HttpReceiver, startHttpReceiver } from '../support/http-receiver.ts';
import { type SmtpInbox, startSmtpInbox } from '../support/smtp-inbox.ts';

/** A real server delivering to a real local SMTP server and a local HTTP receiver (allow-listed). */
export interface NotificationSetup {
  server: LiveServer;
  inbox: SmtpInbox;
  receiver: HttpReceiver;
  token: string;
  companyId: string;
  projectId: string;
  api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Creates a channel and returns its id (and a webhook's signing secret). */
  channel(body: Record<string, unknown>): Promise<{ id: string; signingSecret: string | null }>;
  close(): Promise<void>;
}

export async function startNotificationSetup(env: Record<string, string> = {}): Promise<NotificationSetup> {
  const inbox = await startSmtpInbox();
  const receiver = await startHttpReceiver();
  const server = await startLiveServer({
    SMTP_URL: inbox.url,
    MAIL_FROM: 'TCPA Alerts <alerts@tcpa.test>',
    OUTBOUND_ALLOW_HOSTS: receiver.host,
    PUBLIC_URL: 'https://tcpa.example.com',
    ALERT_GROUP_WAIT_SECONDS: '1',
    ALERT_CHECK_SECONDS: '0.5',
    DELIVERY_TIMEOUT_SECONDS: '3',
    ...env,
  });
  const signup = await server.request('POST', '/api/v1/auth/signup', {
    body: { email: 'ops@alerts.test', password: 'correct horse battery', companyName: 'Alerting Co' },
  });
  expect(signup.status, JSON.stringify(signup.body)).toBe(201);
  const token: string = signup.body.accessToken;
  const companyId: string = signup.body.company.id;
  await server.sql(`update subscriptions set plan_id = 'professional' where company_id = $1`, [companyId]);
  const project = await server.request('POST', '/api/v1/projects', { token, body: { name: 'Production' } });
  const api = <T = any>(method: string, path: string, body?: unknown) =>
    server.request<T>(method, path, { token, body });
  return {
    server,
    inbox,
    receiver,
    token,
    companyId,
    projectId: project.body.id,
    api,
    async channel(body) {
      const created = await api('POST', '/api/v1/notification-channels', body);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return { id: created.body.channel.id, signingSecret: created.body.signingSecret };
    },
    async close() {
      await server.close();
      await Promise.all([inbox.close(), receiver.close()]);
    },
  };
}

/** Two agents and a transfer between them, made as the owner (what happens to the transfer is the subject). */
export async function seedTransfer(setup: NotificationSetup, label = 'warehouse') {
  const [source, destination] = await setup.server.sql<{ id: string }>(
    `insert into agents (company_id, project_id, name, status, public_key)
     values ($1, $2, $3 || '-a', 'active', '{}'), ($1, $2, $3 || '-b', 'active', '{}') returning id`,
    [setup.companyId, setup.projectId, label],
  );
  const [transfer] = await setup.server.sql<{ id: string }>(
    `insert into transfers (company_id, project_id, source_agent_id, source_paths, destination_agent_id,
       destination_dir, overwrite, priority, max_attempts)
     values ($1, $2, $3, '{reports}', $4, 'in', 'overwrite', 5, 1) returning id`,
    [setup.companyId, setup.projectId, source?.id, destination?.id],
  );
  return transfer?.id as string;
}
