import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver got it. */
export interface ReceivedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers one request. */
export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Waits this long before answering. */
  delayMs?: number;
  /** Never answers (the connection stays open until the client gives up or close()). */
  hang?: boolean;
  /** Sends the status, then body bytes without end until the client goes away. */
  endless?: boolean;
}

/**
 * A real HTTP server on 127.0.0.1 (a free port) standing in for a webhook endpoint: it records
 * every request and answers each with the next scripted response, then with the default one.
 */
export interface HttpReceiver {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`, as an OUTBOUND_ALLOW_HOSTS entry. */
  host: string;
  port: number;
  requests: ReceivedRequest[];
  /** Queues responses, one per coming request, in order. */
  respond(...responses: ScriptedResponse[]): void;
  /** Resolves once `count` requests have arrived (whole bodies read). */
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

export async function startHttpReceiver(defaultResponse: ScriptedResponse = { status: 200, body: 'ok' }) {
  const requests: ReceivedRequest[] = [];
  const queued: ScriptedResponse[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      requests.push({
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      answer(outgoing, queued.shift() ?? defaultResponse);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const receiver: HttpReceiver = {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    requests,
    respond: (...responses) => {
      queued.push(...responses);
    },
    waitForRequests: async (count, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`the receiver got ${requests.length} of ${count} requests`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return requests.slice(0, count);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return receiver;
}

function answer(outgoing: ServerResponse, response: ScriptedResponse): void {
  if (response.hang) return;
  const send = () => {
    outgoing.writeHead(response.status ?? 200, response.headers);
    if (!response.endless) {
      outgoing.end(response.body ?? '');
      return;
    }
    const block = Buffer.alloc(64 * 1024, 'x');
    const pump = () => {
      while (!outgoing.destroyed && outgoing.write(block)) {}
      if (!outgoing.destroyed) outgoing.once('drain', pump);
    };
    outgoing.on('close', () => outgoing.off('drain', pump));
    pump();
  };
  if (response.delayMs) setTimeout(send, response.delayMs);
  else send();
}
