/**
 * A fleet of simulated agents in one process, started by telemetry-bench.ts. Each agent is a
 * real WebSocket client built from the agent's own code: ControlChannel (connection, validation
 * of every message both ways, answering the server's pings, reconnecting) and the assertion
 * signer. The outbox and uplink are left out (they append every sample to a file): each agent
 * sends `{type:'telemetry', samples:[sample]}` at the bench rate with seq from 1 and
 * ts = send time, and counts the server's acks.
 *
 * Sends follow one schedule: agent i sends at t0 + phase_i + k × period, so the fleet's sends
 * are spread evenly over the period. A send never goes out sooner after the agent's previous
 * one than the server's fold tolerance (0.8 × the plan interval): after a stall of this
 * process it is deferred instead (and dropped if its next turn comes first), so that every
 * sample is stored rather than folded.
 */
import type { TelemetrySample } from '@tcpa/contracts';
import { createAuthHeaderFactory } from '../../agent/src/auth/agent-assertion.ts';
import { ControlChannel, type ServerMessage } from '../../agent/src/control/control-channel.ts';
import type { Log } from '../../agent/src/log.ts';
import { Histogram } from './histogram.ts';
import { type FromFleet, type SimulatedAgent, type ToFleet, ToFleetSchema, type Window } from './telemetry-protocol.ts';
import { connectToParent } from './worker-ipc.ts';

/** The server folds samples closer together than this share of the plan interval. */
const FOLD_TOLERANCE = 0.8;
/** Headroom over the fold threshold: ts is whole milliseconds. */
const FOLD_MARGIN_MS = 2;
const CONNECT_TIMEOUT_MS = 120_000;
const REASONS_KEPT = 5;

type InitMessage = Extract<ToFleet, { type: 'init' }>;
type StartMessage = Extract<ToFleet, { type: 'start' }>;

const silentLog: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface Totals {
  sent: number;
  acked: number;
  folded: number;
  sentInWindow: number;
  ackedInWindow: number;
  deferred: number;
  skipped: number;
  sendFailures: number;
  serverErrors: number;
  closes: Record<string, number>;
}

const totals: Totals = {
  sent: 0,
  acked: 0,
  folded: 0,
  sentInWindow: 0,
  ackedInWindow: 0,
  deferred: 0,
  skipped: 0,
  sendFailures: 0,
  serverErrors: 0,
  closes: {},
};
const sendLag = new Histogram();
const ackLatency = new Histogram();
let window: Window | undefined;
const inWindow = (ts: number) => window !== undefined && ts >= window.windowStart && ts < window.windowEnd;

class SimulatedAgentClient {
  readonly channel: ControlChannel;
  active = false;
  /** Closest spacing of two samples the server stores (from the plan interval in hello). */
  minGapMs = 0;
  private nextSeq = 1;
  lastSentTs = Number.NEGATIVE_INFINITY;
  /** A send held back to keep the spacing: when it may go, and the turn it belongs to. */
  deferredUntil = 0;
  deferredDue = 0;
  /** Sent and not yet acknowledged, oldest first: seq and ts, flat. */
  private pending: number[] = [];
  private pendingHead = 0;
  private readonly base: Omit<TelemetrySample, 'seq' | 'ts' | 'cpuPct'>;
  private onHello: (() => void) | undefined;
  lastCloseReason = '';

  constructor(
    readonly spec: SimulatedAgent,
    wsUrl: string,
    createAuthHeader: () => Promise<string>,
    private running: () => boolean,
  ) {
    const gib = 1024 ** 3;
    this.base = {
      memUsedBytes: Math.round((2 + Math.random() * 6) * gib),
      memTotalBytes: 16 * gib,
      diskFreeBytes: Math.round((50 + Math.random() * 400) * gib),
      netRxBytes: Math.round(Math.random() * 1e9),
      netTxBytes: Math.round(Math.random() * 1e9),
      activeTransfers: 1 + Math.floor(Math.random() * 4),
      throughputBps: Math.round(Math.random() * 1e8),
      rttMs: Math.round(Math.random() * 800) / 10,
      errors: 0,
      droppedSamples: 0,
    };
    this.channel = new ControlChannel({
      url: wsUrl,
      createAuthHeader,
      onMessage: (message) => this.receive(message),
      onOpen: () => undefined,
      onClose: (event) => {
        this.active = false;
        this.lastCloseReason = `${event.code} ${event.reason}`.trim();
        // Samples in flight on a closed connection are never acknowledged: they stay lost.
        this.pending = [];
        this.pendingHead = 0;
        if (this.running()) totals.closes[String(event.code)] = (totals.closes[String(event.code)] ?? 0) + 1;
      },
      log: silentLog,
    });
  }

  /** Connects; resolves once the server said hello with status active (or the deadline passed). */
  connect(deadline: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
      this.onHello = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.channel.start();
    });
  }

  private receive(message: ServerMessage) {
    if (message.type === 'hello') {
      this.active = message.status === 'active';
      this.minGapMs = Math.ceil(message.config.telemetryIntervalMs * FOLD_TOLERANCE) + FOLD_MARGIN_MS;
      if (this.active) this.onHello?.();
    } else if (message.type === 'config') {
      this.minGapMs = Math.ceil(message.config.telemetryIntervalMs * FOLD_TOLERANCE) + FOLD_MARGIN_MS;
    } else if (message.type === 'ack') {
      this.acknowledged(message.upToSeq, message.folded);
    } else if (message.type === 'error') {
      totals.serverErrors++;
    }
  }

  private acknowledged(upToSeq: number, folded: number) {
    totals.folded += folded;
    const now = Date.now();
    while (this.pendingHead < this.pending.length && (this.pending[this.pendingHead] ?? 0) <= upToSeq) {
      const ts = this.pending[this.pendingHead + 1] ?? 0;
      this.pendingHead += 2;
      totals.acked++;
      if (inWindow(ts)) {
        totals.ackedInWindow++;
        ackLatency.record(now - ts);
      }
    }
    if (this.pendingHead > 2048) {
      this.pending = this.pending.slice(this.pendingHead);
      this.pendingHead = 0;
    }
  }

  get unacknowledged(): number {
    return (this.pending.length - this.pendingHead) / 2;
  }

  send(now: number): void {
    const sample: TelemetrySample = {
      ...this.base,
      seq: this.nextSeq,
      ts: now,
      cpuPct: Math.round(Math.random() * 1000) / 10,
    };
    if (!this.channel.send({ type: 'telemetry', samples: [sample] })) {
      totals.sendFailures++;
      return;
    }
    this.nextSeq++;
    this.lastSentTs = now;
    this.pending.push(sample.seq, now);
    totals.sent++;
    if (inWindow(now)) totals.sentInWindow++;
  }
}

/** Runs the fleet's send schedule from t0 until stopAt. */
class Scheduler {
  private round = 0;
  private cursor = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly deferred = new Set<SimulatedAgentClient>();
  private readonly periodMs: number;
  private finished = false;

  constructor(
    private readonly ordered: SimulatedAgentClient[],
    hz: number,
    private readonly plan: StartMessage,
  ) {
    this.periodMs = 1000 / hz;
  }

  start() {
    this.wake(this.plan.t0);
  }

  stop() {
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private wake(at: number) {
    if (this.finished) return;
    this.timer = setTimeout(() => this.tick(), Math.max(0, at - Date.now()));
  }

  private tick() {
    this.timer = undefined;
    const now = Date.now();
    for (const agent of this.deferred) {
      if (agent.deferredUntil <= now) {
        this.deferred.delete(agent);
        agent.deferredUntil = 0;
        this.sendOnTurn(agent, now, agent.deferredDue);
      }
    }
    let nextWake = Number.POSITIVE_INFINITY;
    for (;;) {
      const agent = this.ordered[this.cursor];
      if (!agent) return;
      const due = this.plan.t0 + this.round * this.periodMs + agent.spec.phaseMs;
      if (due >= this.plan.stopAt) {
        this.finished = true;
        return;
      }
      if (due > now) {
        nextWake = due;
        break;
      }
      if (agent.deferredUntil > 0) {
        // Its held-back send never went: this turn replaces it.
        this.deferred.delete(agent);
        agent.deferredUntil = 0;
        totals.skipped++;
      }
      this.sendOnTurn(agent, now, due);
      this.cursor++;
      if (this.cursor === this.ordered.length) {
        this.cursor = 0;
        this.round++;
      }
    }
    for (const agent of this.deferred) nextWake = Math.min(nextWake, agent.deferredUntil);
    this.wake(nextWake);
  }

  private sendOnTurn(agent: SimulatedAgentClient, now: number, due: number) {
    if (!agent.active) {
      totals.sendFailures++;
      return;
    }
    const earliest = agent.lastSentTs + agent.minGapMs;
    if (now < earliest) {
      totals.deferred++;
      agent.deferredUntil = earliest;
      agent.deferredDue = due;
      this.deferred.add(agent);
      return;
    }
    if (window && due >= window.windowStart && due < window.windowEnd) sendLag.record(now - due);
    agent.send(now);
  }
}

let agents: SimulatedAgentClient[] = [];
let scheduler: Scheduler | undefined;
let running = false;
let progressTimer: NodeJS.Timeout | undefined;

async function init(message: InitMessage) {
  running = true;
  const deadline = Date.now() + CONNECT_TIMEOUT_MS;
  agents = await Promise.all(
    message.agents.map(
      async (spec) => new SimulatedAgentClient(spec, message.wsUrl, await createAuthHeaderFactory(spec), () => running),
    ),
  );
  // Connect with a bounded number of handshakes in flight.
  let next = 0;
  let connected = 0;
  const connectOne = async (): Promise<void> => {
    const agent = agents[next++];
    if (!agent) return;
    if (await agent.connect(deadline)) connected++;
    return connectOne();
  };
  await Promise.all(Array.from({ length: Math.min(message.connectConcurrency, agents.length) }, connectOne));
  const reasons = [
    ...new Set(agents.filter((agent) => !agent.active).map((agent) => agent.lastCloseReason || 'no hello in time')),
  ].slice(0, REASONS_KEPT);
  // Connection trouble while connecting is part of the report, not of the measured run.
  totals.closes = {};
  parent.send({ type: 'connected', connected, failed: agents.length - connected, reasons });
}

function start(message: StartMessage, hz: number) {
  window = message.window;
  const ordered = [...agents].sort((a, b) => a.spec.phaseMs - b.spec.phaseMs);
  scheduler = new Scheduler(ordered, hz, message);
  scheduler.start();
  progressTimer = setInterval(() => parent.send({ type: 'progress', sent: totals.sent, acked: totals.acked }), 1000);
}

async function drain(quietMs: number, maxMs: number) {
  scheduler?.stop();
  const started = Date.now();
  let lastAcked = totals.acked;
  let lastProgressAt = Date.now();
  while (Date.now() - started < maxMs) {
    const waiting = agents.reduce((sum, agent) => sum + agent.unacknowledged, 0);
    if (waiting === 0) break;
    if (totals.acked !== lastAcked) {
      lastAcked = totals.acked;
      lastProgressAt = Date.now();
    } else if (Date.now() - lastProgressAt >= quietMs) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (progressTimer) clearInterval(progressTimer);
  parent.send({
    type: 'report',
    agents: agents.length,
    ...totals,
    sendLag: sendLag.toData(),
    ackLatency: ackLatency.toData(),
  });
}

let hz = 1;

const parent = connectToParent<ToFleet, FromFleet>(ToFleetSchema, async (message) => {
  if (message.type === 'init') {
    hz = message.hz;
    await init(message);
  } else if (message.type === 'start') {
    start(message, hz);
  } else if (message.type === 'drain') {
    await drain(message.quietMs, message.maxMs);
  } else {
    running = false;
    scheduler?.stop();
    await Promise.all(agents.map((agent) => agent.channel.stop(1000, 'bench finished')));
    process.exit(0);
  }
});
