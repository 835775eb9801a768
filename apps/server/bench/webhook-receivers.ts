/**
 * The webhook endpoints of `npm run bench:notify`: one local HTTP server per endpoint, each on its
 * own port, answering as its current behaviour says (healthy: 200 at once; slow: 200 after a
 * delay; failing: 500 at once). Every request is tallied by the event it carries and its
 * webhook-id, with its latency from the event's commit; a sample of signatures is verified.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';

export type EndpointBehaviour = { kind: 'healthy' } | { kind: 'slow'; delayMs: number } | { kind: 'failing' };

const BodySchema = z.object({
  type: z.string(),
  timestamp: z.string(),
  data: z.object({ id: z.string() }).passthrough(),
});

/** What one endpoint got: a request per attempt, keyed by the event (`type id`) and by webhook-id. */
export interface EndpointTally {
  requests: number;
  /** First receipt of each event: when (epoch ms) and its latency from the event's commit. */
  firstReceipt: Map<string, { at: number; latencyMs: number }>;
  /** Requests per webhook-id (a 2xx answered twice for one id is a duplicate delivery). */
  answeredOk: Map<string, number>;
  /** Requests answered with an error (the failing endpoint's attempts, retries included), and their webhook-ids. */
  answeredError: number;
  errorIds: Set<string>;
  signaturesChecked: number;
  signaturesBad: number;
  malformed: number;
}

export interface WebhookEndpoint {
  index: number;
  url: string;
  behaviour: EndpointBehaviour;
  tally: EndpointTally;
  /** Set once the channel exists (the server made it). */
  signingSecret: string | undefined;
  channelId: string | undefined;
}

export interface WebhookReceivers {
  endpoints: WebhookEndpoint[];
  close(): Promise<void>;
}

const emptyTally = (): EndpointTally => ({
  requests: 0,
  firstReceipt: new Map(),
  answeredOk: new Map(),
  answeredError: 0,
  errorIds: new Set(),
  signaturesChecked: 0,
  signaturesBad: 0,
  malformed: 0,
});

/** The event a webhook body is about, as the receivers key it. */
export const eventKey = (type: string, id: string) => `${type} ${id}`;

/** `count` endpoints on 127.0.0.1, all healthy until told otherwise; one signature in `signatureEvery` is verified. */
export async function startWebhookReceivers(count: number, signatureEvery = 50): Promise<WebhookReceivers> {
  const servers: Server[] = [];
  const endpoints: WebhookEndpoint[] = [];
  for (let index = 0; index < count; index++) {
    const endpoint: WebhookEndpoint = {
      index,
      url: '',
      behaviour: { kind: 'healthy' },
      tally: emptyTally(),
      signingSecret: undefined,
      channelId: undefined,
    };
    const server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const receivedAt = Date.now();
        const body = Buffer.concat(chunks).toString('utf8');
        const tally = endpoint.tally;
        tally.requests++;
        const behaviour = endpoint.behaviour;
        const webhookId = String(incoming.headers['webhook-id'] ?? '');
        let parsed: z.infer<typeof BodySchema> | undefined;
        try {
          parsed = BodySchema.parse(JSON.parse(body));
        } catch {
          tally.malformed++;
        }
        if (endpoint.signingSecret && tally.requests % signatureEvery === 1) {
          tally.signaturesChecked++;
          try {
            new Webhook(endpoint.signingSecret).verify(body, {
              'webhook-id': webhookId,
              'webhook-timestamp': String(incoming.headers['webhook-timestamp'] ?? ''),
              'webhook-signature': String(incoming.headers['webhook-signature'] ?? ''),
            });
          } catch {
            tally.signaturesBad++;
          }
        }
        if (behaviour.kind === 'failing') {
          tally.answeredError++;
          tally.errorIds.add(webhookId);
          outgoing.writeHead(500, { 'content-type': 'text/plain' }).end('failing on purpose');
          return;
        }
        const answer = () => {
          // Counted when answered: what the sender can take as delivered.
          tally.answeredOk.set(webhookId, (tally.answeredOk.get(webhookId) ?? 0) + 1);
          if (parsed) {
            const key = eventKey(parsed.type, parsed.data.id);
            if (!tally.firstReceipt.has(key)) {
              tally.firstReceipt.set(key, { at: receivedAt, latencyMs: receivedAt - Date.parse(parsed.timestamp) });
            }
          }
          outgoing.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        };
        if (behaviour.kind === 'slow') setTimeout(answer, behaviour.delayMs);
        else answer();
      });
    });
    // Many sockets at once (the server's in-flight sends); no per-socket idle limit of ours.
    server.maxConnections = 10_000;
    server.keepAliveTimeout = 30_000;
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    endpoint.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/endpoint-${index + 1}`;
    servers.push(server);
    endpoints.push(endpoint);
  }
  return {
    endpoints,
    async close() {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((closed) => {
              server.closeAllConnections();
              server.close(() => closed());
            }),
        ),
      );
    },
  };
}
