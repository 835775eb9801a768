import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REALTIME_PATH } from '@tcpa/contracts';
import { type WebSocket, WebSocketServer } from 'ws';

export interface TestConnection {
  socket: WebSocket;
  request: IncomingMessage;
  /** Parsed JSON messages received from the agent. */
  messages: Array<Record<string, unknown>>;
  closed: Promise<{ code: number; reason: string }>;
}

export interface TestWsServer {
  /** `ws://127.0.0.1:port/api/v1/ws` */
  url: string;
  /** `http://127.0.0.1:port` */
  httpUrl: string;
  connections: TestConnection[];
  /** Resolves with the n-th connection (0-based) once it is made. */
  connection: (index: number, timeoutMs?: number) => Promise<TestConnection>;
  /** Resolves once a message matching `predicate` arrived on `connection`. */
  message: (
    connection: TestConnection,
    predicate: (message: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ) => Promise<Record<string, unknown>>;
  close: () => Promise<void>;
}

export interface TestWsServerOptions {
  onConnection?: (connection: TestConnection) => void;
  /** Refuse the upgrade with this HTTP status. */
  refuseWith?: () => { status: number; message: string } | null;
  /** Plain HTTP requests on the same port (404 by default). */
  onRequest?: RequestListener;
}

/**
 * A real HTTP + `ws` server on a free port, standing in for the control plane (its HTTP API and
 * its WebSocket hub at /api/v1/ws).
 */
export async function startTestWsServer(options: TestWsServerOptions = {}): Promise<TestWsServer> {
  const httpServer = createServer(
    options.onRequest ??
      ((_request, response) => {
        response.writeHead(404).end();
      }),
  );
  const server = new WebSocketServer({
    server: httpServer,
    path: REALTIME_PATH,
    verifyClient: (_info, callback) => {
      const refusal = options.refuseWith?.();
      if (refusal) callback(false, refusal.status, refusal.message);
      else callback(true);
    },
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve()));
  const { port } = httpServer.address() as AddressInfo;
  const connections: TestConnection[] = [];
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };

  server.on('connection', (socket, request) => {
    const connection: TestConnection = {
      socket,
      request,
      messages: [],
      closed: new Promise((resolve) =>
        socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
      ),
    };
    socket.on('message', (data) => {
      connection.messages.push(JSON.parse(data.toString()));
      notify();
    });
    connections.push(connection);
    options.onConnection?.(connection);
    notify();
  });

  const waitFor = <T>(check: () => T | undefined, what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const listener = () => {
        const found = check();
        if (found === undefined) return;
        listeners.delete(listener);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      listeners.add(listener);
      listener();
    });

  return {
    url: `ws://127.0.0.1:${port}${REALTIME_PATH}`,
    httpUrl: `http://127.0.0.1:${port}`,
    connections,
    connection: (index, timeoutMs = 10_000) => waitFor(() => connections[index], `connection #${index}`, timeoutMs),
    message: (connection, predicate, timeoutMs = 10_000) =>
      waitFor(() => connection.messages.find(predicate), 'a message', timeoutMs),
    close: async () => {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
