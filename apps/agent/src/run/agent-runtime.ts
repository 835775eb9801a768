import { type AgentConfig, AgentStatusSchema, CloseCode, type TransferPreviewArgs } from '@tcpa/contracts';
import { createAuthHeaderFactory } from '../auth/agent-assertion.ts';
import { ExitCode } from '../cli/exit-codes.ts';
import { type ChannelCloseEvent, ControlChannel, type ServerMessage } from '../control/control-channel.ts';
import { toRealtimeUrl } from '../control/realtime-url.ts';
import { ServerClock } from '../control/server-clock.ts';
import { answerListFiles } from '../files/answer-list-files.ts';
import type { ListingScope } from '../files/list-directory.ts';
import type { Log } from '../log.ts';
import { type AgentState, writeAgentState } from '../state/agent-state.ts';
import { offLimitsOf, ROOT_ADVICE, usableRoots } from '../state/off-limits.ts';
import { type StatusSnapshot, writeStatusSnapshot } from '../state/status-snapshot.ts';
import { answerStorageProbe } from '../storage/answer-storage-probe.ts';
import { Outbox } from '../telemetry/outbox.ts';
import { TelemetrySampler } from '../telemetry/sampler.ts';
import { TelemetryUplink } from '../telemetry/uplink.ts';
import { answerTransferPreview } from './answer-transfer-preview.ts';
import { ReportUplink } from './report-uplink.ts';
import { TransferReports } from './transfer-reports.ts';
import { TransferRunner } from './transfer-runner.ts';

export interface AgentRuntimeDeps {
  stateDir: string;
  state: AgentState;
  log: Log;
  /** How often `status.json` is rewritten. Default 5 s. */
  snapshotEveryMs?: number;
  outboxCapacity?: number;
  /** Port the data channel listens on; 0 (default) picks a free one. */
  dataPort?: number;
}

type ConnectionFacts = Pick<
  StatusSnapshot,
  'connected' | 'lastConnectedAt' | 'lastDisconnectedAt' | 'lastCloseCode' | 'lastCloseReason' | 'lastConnectError'
>;

/**
 * The `run` command's engine: keeps the control channel up, applies what the server says
 * (status, config, acks, commands), samples telemetry while active and moves it through the
 * outbox to the server. run() resolves with the exit code once stopped or revoked.
 */
export class AgentRuntime {
  private state: AgentState;
  private readonly log: Log;
  private readonly outbox: Outbox;
  private readonly sampler: TelemetrySampler;
  private readonly uplink: TelemetryUplink;
  private readonly channel: ControlChannel;
  private readonly transfers: TransferRunner;
  private readonly reports: ReportUplink;
  /** What `agent.list_files` may show: the served roots, never the agent's own folders. */
  private readonly listing: ListingScope;
  private transfersStarted: Promise<void> | undefined;
  private readonly startedAt = new Date().toISOString();
  private connection: ConnectionFacts = {
    connected: false,
    lastConnectedAt: null,
    lastDisconnectedAt: null,
    lastCloseCode: null,
    lastCloseReason: null,
    lastConnectError: null,
  };
  private foldedSamples = 0;
  /** What the server last said its time was; assertions and samples are on it. */
  private readonly serverClock: ServerClock;
  private snapshotTimer: NodeJS.Timeout | null = null;
  private finished = false;
  private finish: (code: ExitCode) => void = () => {};

  private constructor(
    private readonly deps: AgentRuntimeDeps,
    createAuthHeader: () => Promise<string>,
    serverClock: ServerClock,
  ) {
    this.state = deps.state;
    this.serverClock = serverClock;
    // Every warning or error logged while running counts in the next sample's `errors`.
    this.log = {
      info: (message) => deps.log.info(message),
      warn: (message) => this.countError(() => deps.log.warn(message)),
      error: (message) => this.countError(() => deps.log.error(message)),
    };
    this.outbox = new Outbox({ dir: deps.stateDir, capacity: deps.outboxCapacity });
    this.channel = new ControlChannel({
      url: toRealtimeUrl(this.state.serverUrl),
      createAuthHeader,
      onMessage: (message) => this.handleMessage(message),
      onOpen: () => this.handleOpen(),
      onClose: (event) => this.handleClose(event),
      log: this.log,
      serverClock,
    });
    this.uplink = new TelemetryUplink({ outbox: this.outbox, send: (message) => this.channel.send(message) });
    const transferReports = new TransferReports({ dir: deps.stateDir });
    this.reports = new ReportUplink({
      reports: transferReports,
      send: (message) => this.channel.send(message),
      runningTransferIds: () => this.transfers.activeTransferIds,
    });
    const offLimits = offLimitsOf(deps.stateDir);
    const roots = this.servedRoots(offLimits);
    this.listing = { roots, offLimits: offLimits.map((folder) => folder.path) };
    this.transfers = new TransferRunner({
      stateDir: deps.stateDir,
      agentId: this.state.agentId,
      roots,
      offLimits: offLimits.map((folder) => folder.path),
      serverUrl: this.state.serverUrl,
      dataPort: deps.dataPort ?? 0,
      send: (message) => this.channel.send(message),
      reports: transferReports,
      onReported: () => this.reports.added(),
      now: () => serverClock.now(),
      log: this.log,
    });
    if (transferReports.size > 0) this.log.info(`${transferReports.size} transfer reports waiting from an earlier run`);
    this.sampler = new TelemetrySampler({
      // Free space is measured where transfers write; without a root, where the agent keeps its state.
      roots: roots.length > 0 ? roots : [deps.stateDir],
      transfers: () => ({
        activeTransfers: this.transfers.activeCount,
        dataChannelBytes: this.transfers.dataChannelBytes,
      }),
      rttMs: () => this.channel.rttMs,
      onSample: (reading) => this.uplink.sampleAdded(this.outbox.append(reading)),
      log: this.log,
      now: () => serverClock.now(),
    });
  }

  /** The configured roots that hold none of the agent's own folders (older versions did not check). */
  private servedRoots(offLimits: ReturnType<typeof offLimitsOf>): string[] {
    const { roots, refused } = usableRoots(this.state.roots, offLimits);
    // deps.log: the sampler that counts logged errors does not exist yet.
    for (const { root, problem } of refused) {
      this.deps.log.error(
        `transfer root ${root} is not served: ${problem}; ${ROOT_ADVICE}. Remove it with \`tcpa-agent roots remove ${root}\``,
      );
    }
    if (roots.length === 0) {
      this.deps.log.warn(
        'this agent has no transfer root and refuses every transfer: add one with `tcpa-agent roots add DIR`, then start it again',
      );
    }
    return roots;
  }

  static async create(deps: AgentRuntimeDeps): Promise<AgentRuntime> {
    const serverClock = new ServerClock();
    return new AgentRuntime(deps, await createAuthHeaderFactory(deps.state, () => serverClock.now()), serverClock);
  }

  /** Runs until stop() or until the server revokes or rejects the agent. */
  run(): Promise<ExitCode> {
    const done = new Promise<ExitCode>((resolve) => {
      this.finish = resolve;
    });
    if (this.outbox.size > 0) this.log.info(`${this.outbox.size} telemetry samples waiting from an earlier run`);
    this.updateSampling();
    this.channel.start();
    this.snapshotTimer = setInterval(() => this.writeSnapshot(), this.deps.snapshotEveryMs ?? 5_000);
    this.writeSnapshot();
    return done;
  }

  /** Closes the connection (code 1000), saves the status snapshot and ends run() with exit code 0. */
  async stop(exitCode: ExitCode = ExitCode.ok): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    this.sampler.stop();
    if (this.snapshotTimer) clearInterval(this.snapshotTimer);
    await this.transfers.stop();
    await this.channel.stop(1000, 'agent stopping');
    this.uplink.endSession();
    this.writeSnapshot();
    this.finish(exitCode);
  }

  /** Starts the data-channel receiver once, then (re)announces it on every connection. */
  private openDataChannel() {
    this.transfersStarted ??= this.transfers.start().catch((error: unknown) => {
      this.transfersStarted = undefined; // try again on the next hello
      throw error;
    });
    this.transfersStarted.then(
      () => this.transfers.announce(),
      (error: unknown) => this.log.error(`data channel not started: ${(error as Error).message}`),
    );
  }

  private handleMessage(message: ServerMessage): void {
    switch (message.type) {
      case 'hello': {
        if (message.agentId !== this.state.agentId) {
          this.log.error(`the server greeted agent ${message.agentId}, but this is ${this.state.agentId}; ignored`);
          return;
        }
        if (message.serverTime !== undefined) this.learnServerTime(message.serverTime);
        // A server that does not tell its time: this machine's clock is all there is.
        else if (this.serverClock.offsetMs === null) this.serverClock.observe(Date.now(), Number.POSITIVE_INFINITY);
        this.applyStatus(message.status);
        this.applyConfig(message.config);
        if (this.state.status === 'active') {
          this.uplink.startSession();
          // Before the data channel is announced: the server settles this agent's transfers first.
          this.reports.startSession();
          this.openDataChannel();
        } else {
          this.uplink.endSession();
          this.reports.endSession();
        }
        return;
      }
      case 'config':
        this.applyConfig(message.config);
        return;
      case 'ack':
        this.foldedSamples += message.folded;
        this.uplink.acknowledged(message.upToSeq);
        return;
      case 'transfer_ack':
        this.reports.acknowledged(message.seq);
        return;
      case 'command': {
        if (message.name === 'agent.list_files') {
          void answerListFiles(this.listing, message, (answer) => this.channel.send(answer), this.log);
          return;
        }
        if (message.name === 'storage.probe') {
          void answerStorageProbe(message, (answer) => this.channel.send(answer), this.log);
          return;
        }
        if (message.name === 'transfer.preview') {
          const preview = (args: TransferPreviewArgs) => this.transfers.previewTransfer(args);
          void answerTransferPreview(preview, message, (answer) => this.channel.send(answer), this.log);
          return;
        }
        const handled = this.transfers.handleCommand(message);
        if (handled.ok) return;
        this.log.error(handled.error);
        this.channel.send({
          type: 'command_result',
          commandId: message.commandId,
          ok: false,
          error: handled.error.slice(0, 2000),
        });
        return;
      }
      case 'cloud_reply':
        this.transfers.handleCloudReply(message);
        return;
      case 'error':
        this.log.warn(`the server reported ${message.code}: ${message.message}`);
        return;
    }
  }

  /** The hello's time was read just before it was sent: off by the one-way delay at most. */
  private learnServerTime(serverTime: number): void {
    const problem = this.serverClock.observe(serverTime, this.channel.rttMs ?? 250);
    if (problem) this.log.error(problem);
    const offsetMs = this.serverClock.offsetMs ?? 0;
    if (Math.abs(offsetMs) >= 5_000) {
      const side = offsetMs > 0 ? 'behind' : 'ahead of';
      this.log.warn(
        `this machine's clock is ${Math.round(Math.abs(offsetMs) / 1000)} s ${side} the server's: the agent uses the server's time; fix the clock (NTP)`,
      );
    }
  }

  private applyStatus(raw: string): void {
    const parsed = AgentStatusSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(`the server sent an unknown agent status "${raw.slice(0, 50)}"; keeping ${this.state.status}`);
      return;
    }
    const status = parsed.data;
    if (status !== this.state.status) {
      this.saveState({ ...this.state, status });
      this.log.info(`status is now ${status}`);
    }
    if (status === 'pending') this.log.info('waiting for an administrator to approve this agent');
    this.updateSampling();
  }

  private applyConfig(config: AgentConfig): void {
    const before = this.state.config;
    if (before.telemetryIntervalMs !== config.telemetryIntervalMs || before.planId !== config.planId) {
      this.saveState({ ...this.state, config });
      this.log.info(`telemetry every ${config.telemetryIntervalMs} ms (plan ${config.planId})`);
    }
    this.updateSampling();
  }

  /**
   * Samples are taken only once the server's time is known in this run: stamped on a clock that
   * is off, they would be refused as ahead of the server's (or stored at the wrong time).
   */
  private updateSampling(): void {
    if (this.finished || this.state.status !== 'active' || this.serverClock.offsetMs === null) this.sampler.stop();
    else this.sampler.start(this.state.config.telemetryIntervalMs);
  }

  private handleOpen(): void {
    this.connection.connected = true;
    this.connection.lastConnectedAt = new Date().toISOString();
    this.connection.lastConnectError = null;
    this.writeSnapshot();
  }

  private handleClose(event: ChannelCloseEvent): void {
    this.connection.connected = false;
    if (event.wasConnected) {
      this.connection.lastDisconnectedAt = new Date().toISOString();
      this.connection.lastCloseCode = event.code;
      this.connection.lastCloseReason = event.reason;
    } else {
      this.connection.lastConnectError = event.reason || `code ${event.code}`;
    }
    this.uplink.endSession();
    this.reports.endSession();
    this.transfers.controlConnectionLost();
    if (event.final) {
      const status = event.code === CloseCode.revoked ? 'revoked' : 'rejected';
      this.deps.log.error(
        `This agent has been revoked/rejected by an administrator (close ${event.code}${event.reason ? `: ${event.reason}` : ''}). It will not reconnect; enrol again to use this machine.`,
      );
      this.saveState({ ...this.state, status });
      void this.stop(ExitCode.revoked);
      return;
    }
    this.writeSnapshot();
  }

  private saveState(state: AgentState): void {
    this.state = state;
    try {
      writeAgentState(this.deps.stateDir, state);
    } catch (error) {
      this.log.error(`cannot save the agent state: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private writeSnapshot(): void {
    const snapshot: StatusSnapshot = {
      pid: process.pid,
      running: !this.finished,
      startedAt: this.startedAt,
      updatedAt: new Date().toISOString(),
      status: this.state.status,
      ...this.connection,
      rttMs: this.channel.rttMs === null ? null : Math.round(this.channel.rttMs * 10) / 10,
      telemetryIntervalMs: this.state.config.telemetryIntervalMs,
      outboxSize: this.outbox.size,
      droppedSamples: this.outbox.droppedSamples,
      foldedSamples: this.foldedSamples,
      lastSeq: this.outbox.lastSeq,
      lastAckedSeq: this.outbox.lastAckedSeq,
      clockOffsetMs: this.serverClock.offsetMs,
    };
    try {
      writeStatusSnapshot(this.deps.stateDir, snapshot);
    } catch (error) {
      this.deps.log.error(
        `cannot write the status snapshot: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private countError(write: () => void): void {
    this.sampler.countError();
    write();
  }
}
