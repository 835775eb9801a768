/**
 * What `npm run bench:notify` sets up: a company (through the real API) with one webhook channel
 * per endpoint subscribed to `transfer.*`, and paused transfers between two agents that never
 * connect, written as the owner: the bench flips them to failed or succeeded, and the database's
 * triggers write the events. Paused, not queued: the transfer dispatcher pages through queued
 * transfers, which is load this bench is not about.
 */
import type pg from 'pg';
import { z } from 'zod';
import { upgradeToEnterprise } from './bench-database.ts';
import { apiRequest, signUp } from './seed.ts';
import type { WebhookEndpoint } from './webhook-receivers.ts';

const ProjectSchema = z.object({ id: z.uuid() });
const ChannelCreatedSchema = z.object({ channel: z.object({ id: z.uuid() }), signingSecret: z.string().min(1) });

export interface NotifySeed {
  companyId: string;
  /** Transfer ids in the order the bench flips them. */
  transferIds: string[];
}

export async function seedNotifyBench(
  baseUrl: string,
  owner: pg.Client,
  endpoints: WebhookEndpoint[],
  transfers: number,
): Promise<NotifySeed> {
  const session = await signUp(baseUrl);
  await upgradeToEnterprise(owner); // webhooks are Professional and up
  const project = ProjectSchema.parse(
    JSON.parse(
      await apiRequest(baseUrl, 'POST', '/api/v1/projects', {
        token: session.accessToken,
        body: { name: 'Notify bench' },
        expectStatus: 201,
      }),
    ),
  );
  for (const endpoint of endpoints) {
    const created = ChannelCreatedSchema.parse(
      JSON.parse(
        await apiRequest(baseUrl, 'POST', '/api/v1/notification-channels', {
          token: session.accessToken,
          body: {
            kind: 'webhook',
            name: `endpoint ${endpoint.index + 1}`,
            url: endpoint.url,
            eventTypes: ['transfer.*'],
          },
          expectStatus: 201,
        }),
      ),
    );
    endpoint.signingSecret = created.signingSecret;
    endpoint.channelId = created.channel.id;
  }
  const { rows: agents } = await owner.query<{ id: string }>(
    `insert into agents (company_id, project_id, name, status, public_key)
     values ($1, $2, 'bench-source', 'active', '{}'), ($1, $2, 'bench-destination', 'active', '{}') returning id`,
    [session.companyId, project.id],
  );
  const { rows } = await owner.query<{ id: string }>(
    `insert into transfers (company_id, project_id, source_agent_id, source_paths, destination_agent_id,
       destination_dir, overwrite, priority, max_attempts, files_total, bytes_total, state)
     select $1, $2, $3, array['outbox/file-' || n], $4, 'inbox', 'overwrite', 5, 1, 1, 1048576, 'paused'
     from generate_series(1, $5) n
     returning id`,
    [session.companyId, project.id, agents[0]?.id, agents[1]?.id, transfers],
  );
  return { companyId: session.companyId, transferIds: rows.map((row) => row.id) };
}
