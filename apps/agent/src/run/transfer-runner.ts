import { join } from 'node:path';
import type {
  AgentCommand,
  AgentMessage,
  CloudReplyMessage,
  TransferFileResult,
  TransferOutcome,
  TransferPlan,
  TransferPreviewArgs,
  TransferStartArgs,
} from '@tcpa/contracts';
import type { JSONWebKeySet } from 'jose';
import { CloudRequests } from '../cloud/cloud-requests.ts';
import { CloudTransfers } from '../cloud/cloud-transfers.ts';
import { CLOUD_TUNE_INTERVAL_MS } from '../cloud/cloud-tuner.ts';
import type { Log } from '../log.ts';
import { ensureDataChannelIdentity } from '../transfer/data-channel-identity.ts';
import { DataChannelServer } from '../transfer/data-channel-server.ts';
import { DataChannelTraffic } from '../transfer/data-channel-traffic.ts';
import type { FileOutcome } from '../transfer/file-outcomes.ts';
import { NO_ROOT_HINT, parseRelativePath } from '../transfer/safe-path.ts';
import { readSavedDataPort, saveDataPort } from '../transfer/saved-data-port.ts';
import { sendTransfer } from '../transfer/send-transfer.ts';
import type { Transfer, TransferResult } from '../transfer/send-transfer-types.ts';
import { isPassingFileError, TransferError } from '../transfer/transfer-error.ts';
import { startTuner } from '../tuner/start-tuner.ts';
import type { TransferReports } from './transfer-reports.ts';

/**
 * Failures that pass by themselves (the network, the destination restarting): the transfer waits
 * for them without using up an attempt, saying what it waits for. What they are not is either
 * permanent (below) or unknown (`transfer_failed`: retried, using attempts).
 */
const TRANSIENT_ERRORS: Record<string, string> = {
  connect_failed: 'the destination agent is unreachable',
  connection_lost: 'the destination agent is unreachable',
  stream_lost: 'the destination agent is unreachable',
  stream_failed: 'the destination agent is unreachable',
  hello_timeout: 'the destination agent is unreachable',
  token_expired: 'a new transfer token',
};
/** Failures another attempt would only repeat: the transfer fails at once, with the reason. */
const RETRYABLE_UNKNOWN = 'transfer_failed';
/** This attempt is over on the control plane's word (stopped, or a later attempt runs): nothing to report. */
const UNREPORTED_ERRORS = new Set(['canceled', 'token_superseded', 'transfer_stopped']);

export interface TransferRunnerDeps {
  stateDir: string;
  agentId: string;
  /** Folders transfers may read and write; none: every transfer is refused, saying why. */
  roots: string[];
  /** Folders never read or written whatever the roots say: the agent's state folder and program. */
  offLimits: string[];
  serverUrl: string;
  /** Port of the data channel; 0 picks a free one (announced to the control plane either way). */
  dataPort: number;
  /** `false` when the message could not be sent (no connection to the control plane). */
  send(message: AgentMessage): unknown;
  /** Where file results and outcomes wait until the server acknowledges them. */
  reports: TransferReports;
  /** Reports were added to `reports`. */
  onReported(): void;
  /** The control plane's time (ms), on which transfer tokens expire; this machine's clock may be off. */
  now?: () => number;
  /** How often a cloud transfer's tuner measures (`CLOUD_TUNE_INTERVAL_MS`); 0 keeps the setting the control plane gave. */
  cloudTuneIntervalMs?: number;
  log: Log;
}

/**
 * The agent's side of transfers: runs the data-channel receiver, announces it to the control
 * plane, and runs `transfer.start` commands as the source, reporting progress and the outcome.
 */
export class TransferRunner {
  private server: DataChannelServer | undefined;
  private port = 0;
  private fingerprint = '';
  private readonly active = new Map<string, { transfer: Transfer; destinationAgentId: string; stopping: boolean }>();
  private readonly traffic = new DataChannelTraffic();
  private stopped = false;
  /** The agent's end of cloud_request / cloud_reply. */
  private readonly cloudRequests: CloudRequests;
  /** Transfers to and from storage locations. */
  private readonly cloud: CloudTransfers;

  constructor(private readonly deps: TransferRunnerDeps) {
    this.cloudRequests = new CloudRequests({ send: deps.send });
    this.cloud = new CloudTransfers({
      stateDir: deps.stateDir,
      roots: deps.roots,
      offLimits: deps.offLimits,
      requests: this.cloudRequests,
      send: deps.send,
      reports: deps.reports,
      onReported: deps.onReported,
      now: deps.now ?? (() => Date.now()),
      tuneIntervalMs: deps.cloudTuneIntervalMs ?? CLOUD_TUNE_INTERVAL_MS,
      log: deps.log,
    });
  }

  /** The control plane's answer to a cloud_request. */
  handleCloudReply(reply: CloudReplyMessage) {
    this.cloudRequests.handleReply(reply);
  }

  /** The control channel closed: cloud requests waiting on it are asked again once it is back. */
  controlConnectionLost() {
    this.cloudRequests.connectionLost();
  }

  async start() {
    const identity = await ensureDataChannelIdentity(this.deps.stateDir);
    this.fingerprint = identity.fingerprint;
    const jwks = await this.fetchJwks();
    if (this.stopped) return; // stopped while fetching: open nothing that would keep the process alive
    this.server = new DataChannelServer({
      identity,
      agentId: this.deps.agentId,
      roots: this.deps.roots,
      offLimits: this.deps.offLimits,
      jwks,
      host: '0.0.0.0',
      port: this.deps.dataPort,
      traffic: this.traffic,
      ...(this.deps.now ? { now: this.deps.now } : {}),
      log: this.deps.log,
    });
    this.port = await this.listenOnKeptPort(this.server);
    if (this.stopped) {
      await this.server.close();
      return;
    }
    this.deps.log.info(`data channel listening on port ${this.port}`);
  }

  /** The configured port, else the one used last (saved in the state folder), else any free one. */
  private async listenOnKeptPort(server: DataChannelServer): Promise<number> {
    if (this.deps.dataPort !== 0) return server.listen(this.deps.dataPort);
    const saved = readSavedDataPort(this.deps.stateDir);
    let port: number;
    try {
      port = await server.listen(saved);
    } catch (error) {
      if (saved === 0 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      this.deps.log.warn(`data channel port ${saved} is taken; listening on another one`);
      port = await server.listen(0);
    }
    if (port !== saved) saveDataPort(this.deps.stateDir, port);
    return port;
  }

  /** Tells the control plane where this agent receives; sent on every (re)connection. */
  announce() {
    if (this.port) this.deps.send({ type: 'data_channel', port: this.port, fingerprint: this.fingerprint });
  }

  /** Transfers this agent sends now (to an agent or a storage location) or receives from a storage location. */
  get activeTransferIds(): string[] {
    return [...this.active.keys(), ...this.cloud.ids];
  }

  get activeCount() {
    return this.active.size + this.cloud.ids.length;
  }

  /** Bytes moved over the data channel both ways, as source and destination (telemetry's throughput). */
  get dataChannelBytes() {
    return this.traffic.bytes;
  }

  /** Runs a command of the control plane (validated against the shared contract); a failure says why. */
  handleCommand(
    command: Exclude<AgentCommand, { name: 'agent.list_files' | 'transfer.preview' | 'storage.probe' }>,
  ): { ok: true } | { ok: false; error: string } {
    switch (command.name) {
      case 'transfer.start':
        this.startTransfer(command.args);
        return { ok: true };
      case 'transfer.cloud_start':
        this.cloud.start(command.args);
        return { ok: true };
      case 'transfer.pause':
      case 'transfer.cancel': {
        const { transferId, attempt } = command.args;
        // As destination: that attempt stops writing and its streams are dropped (a source may not obey).
        void this.server?.stopTransfer(transferId, attempt);
        const entry = this.active.get(transferId);
        if (entry) this.stopSending(entry, command.name === 'transfer.pause' ? 'paused' : 'canceled');
        this.cloud.stop(transferId, attempt, command.name === 'transfer.pause' ? 'paused' : 'canceled');
        return { ok: true };
      }
      case 'transfer.check':
        // The control plane saw no progress for a while: it requeues the transfer unless this agent runs it.
        return this.active.has(command.args.transferId) || this.cloud.has(command.args.transferId)
          ? { ok: true }
          : { ok: false, error: 'not running this transfer' };
      case 'agent.revoked': {
        const { agentId } = command.args;
        void this.server?.revokeSource(agentId);
        for (const entry of this.active.values()) {
          if (entry.destinationAgentId === agentId) this.stopSending(entry, 'the destination agent was revoked');
        }
        return { ok: true };
      }
    }
  }

  private stopSending(entry: { transfer: Transfer; stopping: boolean }, reason: string) {
    entry.stopping = true;
    entry.transfer.cancel(reason);
  }

  private startTransfer(args: TransferStartArgs) {
    const running = this.active.get(args.transferId);
    if (running) {
      // A resume can arrive while the paused attempt still winds down: it starts once that one has.
      if (running.stopping) void running.transfer.result.catch(() => undefined).then(() => this.startTransfer(args));
      return; // else already running this one
    }
    // It finished while the server was away: its outcome is on its way, and settles this attempt.
    if (this.deps.reports.finishedTransferIds().has(args.transferId)) return;
    let paths: string[];
    try {
      paths = this.sourcePathsOf(args.sourcePaths);
    } catch (error) {
      this.report({ transferId: args.transferId, state: 'failed', reason: (error as Error).message, retryable: false });
      return;
    }
    const tuning = startTuner(args.tuning ?? undefined, this.deps.log);
    const transfer = sendTransfer({
      ...tuning.start,
      ...this.commonTerms(args, paths),
      ...(args.bandwidthLimitBps ? { bandwidthLimit: args.bandwidthLimitBps / 8 } : {}),
      onProgress: (progress) => {
        const decisions = tuning.unreportedDecisions();
        const sent = this.deps.send({
          type: 'transfer_progress',
          transferId: args.transferId,
          bytesDone: progress.bytesDone,
          bytesTotal: progress.bytesTotal,
          filesDone: progress.filesDone,
          filesTotal: progress.filesTotal,
          rateBps: progress.rateBytesPerSecond * 8,
          streams: progress.streams,
          chunkSize: progress.chunkSize,
          ...decisions,
        });
        // While the control plane is away (a restart), decisions wait for the next report.
        if (sent === false) tuning.notReported(decisions);
      },
      log: this.deps.log,
    });
    tuning.attach(transfer, args.destination.port);
    this.active.set(args.transferId, {
      transfer,
      destinationAgentId: args.destinationAgentId,
      stopping: false,
    });
    const release = () => {
      if (this.active.get(args.transferId)?.transfer === transfer) this.active.delete(args.transferId);
    };
    transfer.result.then(
      (result) => {
        tuning.stop();
        release();
        const failed = result.files.filter((file) => file.status === 'failed');
        // Folders are made along the way; people count files and links (a folder shows only when it
        // failed), and every entry the walk left out, with why.
        this.deps.reports.addFinished(args.transferId, reportedFiles(result), {
          state: result.ok ? 'succeeded' : 'failed',
          ...(result.ok ? {} : { reason: failedFilesReason(failed, reportedFiles(result).length) }),
          // A file the destination cannot hold fails alone: the rest were delivered, a retry would repeat it.
          retryable: failed.some(isPassingFileError),
          stats: {
            bytesTotal: result.bytesTotal,
            bytesSent: result.bytesSent,
            bytesResumed: result.bytesResumed,
            bytesResent: result.bytesResent,
            durationMs: result.durationMs,
            // Bytes sent over time spent sending: resumed and identical files were not sent.
            averageBps: result.sendingMs > 0 ? Math.round((result.bytesSent * 8000) / result.sendingMs) : null,
          },
          ...tuning.unreportedDecisions(),
          ...tuning.summary(),
        });
        this.deps.onReported();
      },
      (error: unknown) => {
        tuning.stop();
        release();
        const code = error instanceof TransferError ? error.code : RETRYABLE_UNKNOWN;
        if (UNREPORTED_ERRORS.has(code)) return; // the control plane asked for it
        const waitingFor = TRANSIENT_ERRORS[code];
        this.report({
          transferId: args.transferId,
          state: 'failed',
          reason: (error as Error).message,
          retryable: waitingFor !== undefined || code === RETRYABLE_UNKNOWN,
          ...(waitingFor ? { waitingFor } : {}),
          ...tuning.unreportedDecisions(),
        });
      },
    );
  }

  /**
   * `transfer.preview`: a dry run of the transfer (both agents plan as for a run over the data
   * channel), resolving with what a run would do; rejects with a TransferError saying why not.
   */
  async previewTransfer(args: TransferPreviewArgs): Promise<TransferPlan> {
    const transfer = sendTransfer({
      ...this.commonTerms(args, this.sourcePathsOf(args.sourcePaths)),
      dryRun: true,
      log: this.deps.log,
    });
    const { plan } = await transfer.result;
    if (!plan) throw new TransferError('transfer_failed', 'the dry run ended without a plan');
    return plan;
  }

  /** What a run and its preview send alike: the same walk, terms and destination. */
  private commonTerms(args: TransferPreviewArgs | TransferStartArgs, paths: string[]) {
    return {
      roots: this.deps.roots,
      offLimits: this.deps.offLimits,
      paths,
      destination: args.destination,
      token: args.token,
      overwrite: args.overwrite,
      symlinks: args.symlinks,
      filters: args.filters,
      mode: args.mode,
      modifiedAfterMs: args.modifiedAfterMs,
      traffic: this.traffic,
    };
  }

  /** Source paths from the control plane (relative to the first root), checked like any path from the wire. */
  private sourcePathsOf(sourcePaths: readonly string[]): string[] {
    const root = this.deps.roots[0];
    try {
      if (!root) throw new Error(`the source agent has no transfer root: ${NO_ROOT_HINT}`);
      return sourcePaths.map((path) => join(root, ...parseRelativePath(path)));
    } catch (error) {
      throw new TransferError('source_refused', (error as Error).message);
    }
  }

  private report(outcome: TransferOutcome) {
    const { transferId, ...rest } = outcome;
    this.deps.reports.addFinished(transferId, [], rest);
    this.deps.onReported();
  }

  private async fetchJwks(): Promise<JSONWebKeySet> {
    const response = await fetch(new URL('/.well-known/jwks.json', this.deps.serverUrl));
    if (!response.ok) throw new Error(`could not read the control plane's keys: HTTP ${response.status}`);
    return (await response.json()) as JSONWebKeySet;
  }

  async stop() {
    this.stopped = true;
    for (const { transfer } of this.active.values()) transfer.cancel('agent stopping');
    await Promise.all([this.cloud.stopAll(), this.server?.close()]);
  }
}

function reportedFiles(result: TransferResult): TransferFileResult[] {
  const sent = result.files
    .filter((file) => file.kind !== 'dir' || file.status === 'failed')
    .map((file) => ({
      path: file.path,
      size: file.size,
      sha256: file.sha256 ?? null,
      status:
        file.status === 'failed'
          ? ('failed' as const)
          : file.status === 'skipped'
            ? ('skipped' as const)
            : ('done' as const),
      error: file.reason ?? null,
      ...(file.sourceDeleted ? { sourceDeleted: true } : {}),
    }));
  // Mirror: paths relative to the destination directory; one that could not go keeps its error.
  const deleted = result.deleted.map((entry) => ({
    path: entry.path,
    size: entry.size,
    sha256: null,
    status: entry.error ? ('failed' as const) : ('deleted' as const),
    error: entry.error ? `could not delete it at the destination: ${entry.error}` : null,
  }));
  const leftOut = result.skippedSources.map((skipped) => ({
    path: skipped.path,
    size: 0,
    sha256: null,
    status: 'skipped' as const,
    error: skipped.reason,
  }));
  return [...sent, ...deleted, ...leftOut];
}

function failedFilesReason(failed: FileOutcome[], total: number): string {
  const first = failed[0];
  const which = first ? `${first.path}: ${first.reason ?? 'failed'}` : 'unknown';
  return `${failed.length} of ${total} files could not be delivered (${which}); the others were`;
}
