/**
 * Dashboard subscribers in one process, started by telemetry-bench.ts. Each opens the realtime
 * WebSocket with `Authorization: Bearer <access token>`, subscribes to the bench project and,
 * for every telemetry sample it receives, records receive time − sample.ts: agent send →
 * subscriber receive on one machine clock. Server pings are answered. During the window the
 * first subscriber also sends an application-level ping every 100 ms and times the pong: the
 * server's responsiveness (its event loop and socket queues) under the load.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { Histogram } from './histogram.ts';
import {
  type FromSubscribers,
  type SubscriberReport,
  type ToSubscribers,
  ToSubscribersSchema,
  type Window,
} from './telemetry-protocol.ts';
import { connectToParent } from './worker-ipc.ts';

const READY_TIMEOUT_MS = 30_000;
const PING_EVERY_MS = 100;

type InitMessage = Extract<ToSubscribers, { type: 'init' }>;
type Counts = SubscriberReport['perSubscriber'][number];

interface IncomingMessage {
  type?: string;
  id?: number;
  batches?: Array<{ samples: Array<{ ts?: number }> }>;
}

const latency = new Histogram();
const pingRtt = new Histogram();
const closes: Record<string, number> = {};
let serverErrors = 0;
let window: Window | undefined;
let running = true;
const sockets: WebSocket[] = [];
const counts: Counts[] = [];
const pingsInFlight = new Map<number, number>();
let pingTimer: NodeJS.Timeout | undefined;

function openSubscriber(init: InitMessage, index: number): Promise<void> {
  const own: Counts = { telemetryMessages: 0, samples: 0, samplesInWindow: 0, agentStatusMessages: 0 };
  counts.push(own);
  const socket = new WebSocket(init.wsUrl, { headers: { authorization: `Bearer ${init.accessToken}` } });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`subscriber ${index} not subscribed within ${READY_TIMEOUT_MS / 1000} s`)),
      READY_TIMEOUT_MS,
    );
    socket.on('error', (error) => reject(new Error(`subscriber ${index}: ${error.message}`)));
    socket.on('close', (code, reason) => {
      if (running) closes[String(code)] = (closes[String(code)] ?? 0) + 1;
      reject(new Error(`subscriber ${index} closed: ${code} ${reason.toString()}`));
    });
    socket.on('message', (data) => {
      const now = Date.now();
      const message = JSON.parse(data.toString()) as IncomingMessage;
      switch (message.type) {
        case 'telemetry': {
          own.telemetryMessages++;
          for (const batch of message.batches ?? []) {
            for (const sample of batch.samples) {
              own.samples++;
              const ts = sample.ts ?? 0;
              if (window && ts >= window.windowStart && ts < window.windowEnd) {
                own.samplesInWindow++;
                latency.record(now - ts);
              }
            }
          }
          break;
        }
        case 'ping':
          socket.send(JSON.stringify({ type: 'pong', id: message.id }));
          break;
        case 'pong': {
          const sentAt = pingsInFlight.get(message.id ?? -1);
          if (sentAt !== undefined) {
            pingRtt.record(performance.now() - sentAt);
            pingsInFlight.delete(message.id ?? -1);
          }
          break;
        }
        case 'ready':
          socket.send(JSON.stringify({ type: 'subscribe', projectId: init.projectId }));
          break;
        case 'subscribed':
          clearTimeout(timer);
          resolve();
          break;
        case 'agent_status':
          own.agentStatusMessages++;
          break;
        case 'error':
          serverErrors++;
          break;
      }
    });
  });
}

function startPinging(socket: WebSocket) {
  let id = 0;
  pingTimer = setInterval(() => {
    if (!window || Date.now() < window.windowStart || Date.now() >= window.windowEnd) return;
    if (socket.readyState !== WebSocket.OPEN) return;
    pingsInFlight.set(++id, performance.now());
    pingsInFlight.delete(id - 100);
    socket.send(JSON.stringify({ type: 'ping', id }));
  }, PING_EVERY_MS);
}

const parent = connectToParent<ToSubscribers, FromSubscribers>(ToSubscribersSchema, async (message) => {
  if (message.type === 'init') {
    await Promise.all(Array.from({ length: message.subscribers }, (_, index) => openSubscriber(message, index)));
    if (sockets[0]) startPinging(sockets[0]);
    parent.send({ type: 'ready', subscribers: sockets.length });
  } else if (message.type === 'window') {
    window = message.window;
  } else if (message.type === 'report') {
    parent.send({
      type: 'report',
      perSubscriber: counts,
      latency: latency.toData(),
      pingRtt: pingRtt.toData(),
      closes,
      serverErrors,
    });
  } else {
    running = false;
    if (pingTimer) clearInterval(pingTimer);
    for (const socket of sockets) socket.close(1000, 'bench finished');
    setTimeout(() => process.exit(0), 500).unref();
  }
});
