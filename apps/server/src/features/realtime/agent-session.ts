import {
  type AgentCommand,
  type AgentConfig,
  type AgentMessage,
  AgentMessageSchema,
  type AgentStatus,
  CloseCode,
  type CloudReplyMessage,
  type CloudRequestMessage,
  type CommandId,
  commandMessage,
  type ServerToAgentMessage,
  type TelemetrySample,
  type TransferFiles,
  type TransferOutcome,
  type TransferProgress,
  type TransferReconcile,
} from '@tcpa/contracts';
import type { WebSocket } from 'ws';
import { RateFolder } from '../telemetry/rate-folder.ts';
import { TelemetryRefusedError } from '../telemetry/telemetry-ingest.ts';
import { Coalescer } from './coalescer.ts';
import { SocketSession } from './socket-session.ts';

/** The standard WebSocket close code for a server-side failure. */
const INTERNAL_ERROR = 1011;
/**
 * Acks are cumulative, so stored messages that come close together share one: an agent gets
 * about one ack a second however fast it samples. At 20,000 messages a second one socket write
 * per ack was the largest cost left (p95 send → dashboard 130 ms; with this, about 70 ms).
 */
const ACK_INTERVAL_MS = 1000;
/** An agent's cloud requests answered at once; more are answered `throttled` (each holds a store call). */
export const MAX_CLOUD_REQUESTS_IN_FLIGHT = 16;
const CLOUD_RETRY_AFTER_MS = 500;

interface Ack {
  upToSeq: number;
  folded: number;
}

export interface AgentIdentity {
  agentId: string;
  companyId: string;
  projectId: string;
  status: AgentStatus;
}

export interface AgentSessionHost {
  /** Resolves once stored; rejects if the write failed. */
  ingest(identity: AgentIdentity, samples: TelemetrySample[]): Promise<void>;
  publishTelemetry(identity: AgentIdentity, samples: TelemetrySample[]): void;
  onAgentClosed(session: AgentSession): void;
  /** Never rejects: progress figures are not resent, so a failed write is logged and passed over. */
  onTransferProgress(identity: AgentIdentity, progress: TransferProgress): Promise<void>;
  /** Transfer reports resolve once stored (or found moot); they reject if storing failed. */
  onTransferFiles(identity: AgentIdentity, files: TransferFiles): Promise<void>;
  onTransferOutcome(identity: AgentIdentity, outcome: TransferOutcome): Promise<void>;
  onTransferReconcile(identity: AgentIdentity, known: TransferReconcile): Promise<void>;
  onCommandFailed(identity: AgentIdentity, commandId: CommandId, error: string): void;
  /** The answer to a command that waits for one (its id has a request id). */
  onRequestAnswered(
    identity: AgentIdentity,
    requestId: string,
    answer: { ok: true; result: unknown } | { ok: false; error: string },
  ): void;
  onDataChannel(identity: AgentIdentity, endpoint: { host: string; port: number; fingerprint: string }): Promise<void>;
  /** Never rejects: a failure is the reply's error. */
  onCloudRequest(identity: AgentIdentity, request: CloudRequestMessage): Promise<CloudReplyMessage>;
}

/** One connected agent: telemetry in (folded to the plan rate, acked once stored), config out. */
export class AgentSession extends SocketSession<AgentMessage, ServerToAgentMessage> {
  private readonly folder: RateFolder;
  private acks: Promise<void> = Promise.resolve();
  /**
   * Transfer reports (progress too) are handled one at a time in arrival order: pages and decisions
   * before the outcome that follows them, which otherwise could settle the transfer first.
   */
  private reports: Promise<void> = Promise.resolve();
  /** What this connection last announced (`port fingerprint`): an unchanged one is not written again. */
  private announced = '';
  private refusedAhead = false;
  private cloudRequestsInFlight = 0;
  private readonly ackSender = new Coalescer<Ack>(
    ACK_INTERVAL_MS,
    (pending, next) => ({ upToSeq: Math.max(pending.upToSeq, next.upToSeq), folded: pending.folded + next.folded }),
    (ack) => this.send({ type: 'ack', ...ack }),
  );

  constructor(
    socket: WebSocket,
    readonly identity: AgentIdentity,
    private config: AgentConfig,
    private readonly host: AgentSessionHost,
    /** The agent's address as this server sees it (behind no proxy: its real address). */
    private readonly remoteAddress: string,
  ) {
    super(socket, AgentMessageSchema);
    this.folder = new RateFolder(config.telemetryIntervalMs);
    this.sendHello();
  }

  sendHello() {
    const { agentId, status } = this.identity;
    this.send({ type: 'hello', agentId, status, config: this.config, serverTime: Date.now() });
  }

  setStatus(status: AgentStatus) {
    this.identity.status = status;
    this.sendHello();
  }

  setConfig(config: AgentConfig) {
    if (config.telemetryIntervalMs === this.config.telemetryIntervalMs && config.planId === this.config.planId) return;
    this.config = config;
    this.folder.setInterval(config.telemetryIntervalMs);
    this.send({ type: 'config', config });
  }

  protected handle(message: AgentMessage) {
    if (message.type === 'telemetry') return this.receiveTelemetry(message.samples);
    // Only an approved agent takes part in transfers; a pending one has none to report on.
    if (this.identity.status !== 'active') return;
    switch (message.type) {
      case 'transfer_progress': {
        const { type: _type, ...progress } = message;
        // In line with the reports: the decisions it carries are stored before the outcome that follows.
        this.reports = this.reports.then(() => this.host.onTransferProgress(this.identity, progress));
        return;
      }
      case 'transfer_files':
      case 'transfer_outcome': {
        const { type, ...report } = message;
        return this.handleReport(report.seq, () =>
          type === 'transfer_files'
            ? this.host.onTransferFiles(this.identity, report as TransferFiles)
            : this.host.onTransferOutcome(this.identity, report as TransferOutcome),
        );
      }
      case 'transfer_reconcile': {
        const { type: _type, ...known } = message;
        return this.handleReport(undefined, () => this.host.onTransferReconcile(this.identity, known));
      }
      case 'data_channel': {
        const announced = `${message.port} ${message.fingerprint}`;
        if (announced === this.announced) return;
        this.announced = announced;
        // The host is the address this server sees (or what an administrator set), never the agent's say.
        const { port, fingerprint } = message;
        // In line with the reports: what this agent reconciled is settled before anything starts on it.
        return this.handleReport(undefined, () =>
          this.host.onDataChannel(this.identity, { host: this.remoteAddress, port, fingerprint }),
        );
      }
      case 'cloud_request':
        return this.answerCloudRequest(message);
      case 'command_result': {
        const { requestId } = message.commandId;
        if (requestId) {
          const answer = message.ok
            ? { ok: true as const, result: message.result }
            : { ok: false as const, error: message.error ?? 'failed' };
          return this.host.onRequestAnswered(this.identity, requestId, answer);
        }
        if (!message.ok) this.host.onCommandFailed(this.identity, message.commandId, message.error ?? 'failed');
        return;
      }
      default:
        return; // a late auth message needs nothing
    }
  }

  /** Answered as they come (not in line with the reports): parts of one file go in parallel. */
  private answerCloudRequest(request: CloudRequestMessage) {
    if (this.cloudRequestsInFlight >= MAX_CLOUD_REQUESTS_IN_FLIGHT) {
      const message = `more than ${MAX_CLOUD_REQUESTS_IN_FLIGHT} cloud requests at once: wait for answers`;
      this.send({
        type: 'cloud_reply',
        requestId: request.requestId,
        error: { code: 'throttled', message, retryAfterMs: CLOUD_RETRY_AFTER_MS },
      });
      return;
    }
    this.cloudRequestsInFlight += 1;
    void this.host
      .onCloudRequest(this.identity, request)
      .then((reply) => this.send(reply))
      .finally(() => {
        this.cloudRequestsInFlight -= 1;
      });
  }

  sendCommand(command: AgentCommand) {
    this.send(commandMessage(command));
  }

  /** Runs `handle` after the reports before it; acks `seq` once it is stored, or closes so the agent resends. */
  private handleReport(seq: number | undefined, handle: () => Promise<void>) {
    this.reports = this.reports.then(handle).then(
      () => {
        if (seq !== undefined) this.send({ type: 'transfer_ack', seq });
      },
      () => this.close(INTERNAL_ERROR, 'storage failed: reconnect and resend'),
    );
  }

  private receiveTelemetry(samples: TelemetrySample[]) {
    // After samples were refused, a later ack would cover them too: take nothing more on this connection.
    if (this.refusedAhead) return;
    const upToSeq = Math.max(...samples.map((sample) => sample.seq));
    if (this.identity.status !== 'active') {
      this.send({
        type: 'error',
        code: 'not_active',
        message: `agent is ${this.identity.status}: telemetry is not stored`,
      });
      this.queueAck(Promise.resolve(), upToSeq, samples.length);
      return;
    }
    const { accepted, folded, ahead } = this.folder.split(samples);
    if (ahead.length > 0) return this.refuseAhead(ahead);
    if (accepted.length > 0) this.host.publishTelemetry(this.identity, accepted);
    this.queueAck(this.host.ingest(this.identity, accepted), upToSeq, folded);
  }

  /**
   * Samples stamped in the future (the agent's clock was off when it took them, before it knew the
   * server's time) are not stored and so not acknowledged: the agent keeps them and sends them
   * again, and they are stored once the server's clock has caught up with them. Nothing of this
   * message is taken, so the cumulative ack never covers them.
   */
  private refuseAhead(ahead: TelemetrySample[]) {
    this.refusedAhead = true;
    const aheadMs = Math.max(...ahead.map((sample) => sample.ts)) - Date.now();
    const message = `${ahead.length} samples stamped up to ${Math.round(aheadMs / 1000)} s ahead of the server's clock were not stored`;
    this.send({ type: 'error', code: 'samples_ahead', message: `${message}; they are taken once that time has come` });
    this.acks = this.acks.then(() => this.close(CloseCode.tryAgainLater, 'samples stamped ahead of server time'));
  }

  /** Acks go out in message order, each only after its samples (and all before) are stored. */
  private queueAck(stored: Promise<void>, upToSeq: number, folded: number) {
    this.acks = this.acks.then(() =>
      stored.then(
        () => this.ackSender.add({ upToSeq, folded }),
        (error: unknown) => this.failStorage(error),
      ),
    );
  }

  /** The database refused this agent's own values (others' were stored), or storage failed for everyone. */
  private failStorage(error: unknown) {
    if (!(error instanceof TelemetryRefusedError)) {
      this.close(INTERNAL_ERROR, 'storage failed: reconnect and resend');
      return;
    }
    this.send({ type: 'error', code: 'telemetry_refused', message: `${error.message}; they were not stored` });
    this.close(CloseCode.badRequest, 'telemetry refused by the database');
  }

  protected onClosed() {
    this.ackSender.close();
    this.host.onAgentClosed(this);
  }
}
