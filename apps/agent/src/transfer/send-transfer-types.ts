import type { TransferFilters, TransferMode, TransferPlan } from '@tcpa/contracts';
import type { OverwritePolicy, SymlinkPolicy } from '@tcpa/contracts/data-channel';
import type { Log } from '../log.ts';
import type { SkippedSource } from './collect-sources.ts';
import type { DataChannelTraffic } from './data-channel-traffic.ts';
import type { FileOutcome } from './file-outcomes.ts';
import type { PinnedEndpoint } from './pinned-connect.ts';
import type { DeletedEntry } from './send-control.ts';
import type { TransferSample } from './send-measurements.ts';
import type { TransferProgress } from './transfer-progress.ts';

export interface SendTransferOptions {
  /** Directories this agent may read from. */
  roots: string[];
  /** Absolute files or directories inside the roots. */
  paths: string[];
  /** Folders never read whatever the roots say (the agent's state folder and program). */
  offLimits?: string[];
  destination: PinnedEndpoint;
  /** The transfer token from the control plane, shown to the destination on every stream. */
  token: string;
  streams?: number;
  chunkSize?: number;
  /** Bytes per second over all streams; unset for none. */
  bandwidthLimit?: number;
  overwrite?: OverwritePolicy;
  /** What symlinks in the sources become (default preserve). */
  symlinks?: SymlinkPolicy;
  /** Which files of the paths are sent (TransferFiltersSchema); unset: all. */
  filters?: TransferFilters | null;
  /**
   * `copy` (default); `mirror`: the destination deletes what these paths lack (the token must say
   * mirror too); `move`: each file is deleted here once the destination verified its hash.
   */
  mode?: TransferMode;
  /** Only files modified after this time (ms) are sent; a mirror keeps the others. */
  modifiedAfterMs?: number | null;
  /** Plan only: walk, manifest, plan and hash comparison; nothing is sent, written or deleted (`result.plan`). */
  dryRun?: boolean;
  onProgress?: (progress: TransferProgress) => void;
  progressIntervalMs?: number;
  /** Counts the bytes of the transfer's sockets into the agent's telemetry. */
  traffic?: DataChannelTraffic;
  log?: Log;
}

export interface TransferResult {
  ok: boolean;
  /** Empty for a dry run. */
  files: FileOutcome[];
  /** Mirror: what the destination deleted (relative to its directory); an entry with `error` stays. */
  deleted: DeletedEntry[];
  /** Mirror: why the destination deleted nothing (a file failed). */
  deletionsHeld?: string;
  /** Dry run: what a run would do. */
  plan?: TransferPlan;
  skippedSources: SkippedSource[];
  bytesTotal: number;
  /** Bytes the destination already held from an earlier attempt. */
  bytesResumed: number;
  /** Chunk payload bytes put on the wire, resends included. */
  bytesSent: number;
  bytesResent: number;
  durationMs: number;
  /** Time spent sending: from the first chunk to the end, without connecting and hashing before it. */
  sendingMs: number;
}

/** A running transfer: its outcome, and knobs the tuner may turn while it runs. */
export interface Transfer {
  result: Promise<TransferResult>;
  /** Measurements since the previous call (for the tuner). */
  sample(): TransferSample;
  setStreams(count: number): void;
  setChunkSize(bytes: number): void;
  setBandwidthLimit(bytesPerSecond: number | undefined): void;
  cancel(reason?: string): void;
}
