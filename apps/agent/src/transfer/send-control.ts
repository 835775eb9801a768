import type { TransferFilters, TransferMode } from '@tcpa/contracts';
import {
  DATA_CHANNEL_VERSION,
  type DestinationFrame,
  DestinationFrameSchema,
  MAX_MANIFEST_ENTRIES_PER_FRAME,
  type OverwritePolicy,
  type PlanEntrySchema,
  type SourceFrame,
} from '@tcpa/contracts/data-channel';
import type { z } from 'zod';
import type { SourceEntry } from './collect-sources.ts';
import type { DataChannelTraffic } from './data-channel-traffic.ts';
import type { FailureLatch } from './failure-latch.ts';
import type { FileResultFrame } from './file-outcomes.ts';
import { type Frame, FrameError } from './frame-codec.ts';
import { FrameSocket } from './frame-socket.ts';
import { connectPinned, type PinnedEndpoint } from './pinned-connect.ts';
import { SkipReason } from './skip-reasons.ts';
import { TransferError } from './transfer-error.ts';

/** How the transfer runs, told in manifest-end (and, for a mirror, what must be kept). */
export interface ManifestTerms {
  overwrite: OverwritePolicy;
  mode: TransferMode;
  filters: TransferFilters | null;
  dryRun: boolean;
  /** Mirror: paths held here but not sent; the destination keeps them. */
  keep: readonly string[];
}

export type DeletedEntry = Extract<DestinationFrame, { type: 'deleted' }>['entries'][number];

/** A file the destination already holds in part (`have`) or a same-size copy of (`sha256`). */
export type PlanEntry = z.infer<typeof PlanEntrySchema>;

type Reply = 'hello-ok' | 'plan-end' | 'done-ok';

export interface SendControlOptions {
  destination: PinnedEndpoint;
  token: string;
  /** Waits end with the transfer's failure; a send that cannot go out reports it. */
  failure: FailureLatch;
  onFileResult(result: FileResultFrame): void;
  /** Mirror: a page of what the destination deleted (dry run: would delete). */
  onDeleted(entries: DeletedEntry[]): void;
  /** The destination refused the transfer, or the control stream was lost. */
  onFailed(error: TransferError): void;
  traffic?: DataChannelTraffic;
}

/**
 * The source's side of the control stream: hello → manifest → plan; then file hashes and aborts
 * out, file results in; then done.
 */
export class SendControl {
  private frames: FrameSocket<DestinationFrame, SourceFrame> | undefined;
  private readonly replies = new Map<Reply, () => void>();
  private readonly planned: PlanEntry[] = [];
  private entries: readonly SourceEntry[] = [];
  private completed = false;
  private deletionsHeld: string | undefined;

  constructor(private readonly options: SendControlOptions) {}

  /** What the destination already holds, as far as its plan has arrived. */
  get plan(): readonly PlanEntry[] {
    return this.planned;
  }

  /** Connects and shows the token; resolves once the destination accepts it. */
  async open(): Promise<void> {
    const socket = await connectPinned(this.options.destination);
    this.options.traffic?.track(socket);
    this.frames = new FrameSocket<DestinationFrame, SourceFrame>({
      socket,
      schema: DestinationFrameSchema,
      onFrame: (frame) => this.handle(frame),
      onClose: (error) => {
        if (this.completed || this.options.failure.error) return;
        const reason = error instanceof TransferError ? error : undefined;
        this.options.onFailed(
          reason ??
            new TransferError(
              'connection_lost',
              `lost the connection to the destination agent (${error?.message ?? 'closed'})`,
            ),
        );
      },
    });
    await this.send({ type: 'hello', version: DATA_CHANNEL_VERSION, token: this.options.token, role: 'control' });
    await this.reply('hello-ok');
  }

  /** Sends the manifest; resolves with the destination's plan. */
  async exchangeManifest(entries: readonly SourceEntry[], terms: ManifestTerms): Promise<PlanEntry[]> {
    this.entries = entries;
    for (let start = 0; start < entries.length; start += MAX_MANIFEST_ENTRIES_PER_FRAME) {
      const page = entries
        .slice(start, start + MAX_MANIFEST_ENTRIES_PER_FRAME)
        .map(({ source: _source, ...entry }) => entry);
      await this.send({ type: 'manifest', entries: page });
    }
    for (let start = 0; start < terms.keep.length; start += MAX_MANIFEST_ENTRIES_PER_FRAME) {
      await this.send({ type: 'keep', paths: terms.keep.slice(start, start + MAX_MANIFEST_ENTRIES_PER_FRAME) });
    }
    const { overwrite, mode, filters, dryRun } = terms;
    await this.send({
      type: 'manifest-end',
      entryCount: entries.length,
      overwrite,
      // An older destination knows none of these (it refuses unknown fields): a plain copy says
      // nothing new, so it still reaches one; mirror, move and dry runs need this release anyway.
      ...(mode === 'copy' ? {} : { mode }),
      ...(mode === 'mirror' && filters ? { filters } : {}),
      ...(dryRun ? { dryRun } : {}),
      ...(mode === 'copy' && !dryRun ? {} : { sameInPlan: true as const }),
    });
    await this.reply('plan-end');
    return this.planned;
  }

  sendFileHash(file: number, sha256: string): Promise<void> {
    return this.send({ type: 'file-hash', file, sha256 });
  }

  /** The destination drops a file this side gave up on. */
  abortFile(file: number, reason: string): Promise<void> {
    return this.send({ type: 'file-abort', file, reason });
  }

  /**
   * Every file has its outcome: resolves once the destination has closed the transfer (after a
   * mirror's deletions), with why it deleted nothing if it held them back.
   */
  async finish(): Promise<{ deletionsHeld?: string }> {
    await this.send({ type: 'done' });
    await this.reply('done-ok');
    return this.deletionsHeld ? { deletionsHeld: this.deletionsHeld } : {};
  }

  close(): void {
    this.frames?.close();
  }

  destroy(): void {
    this.frames?.destroy();
  }

  private send(frame: SourceFrame): Promise<void> {
    if (!this.frames) return Promise.reject(new TransferError('connection_lost', 'no control stream'));
    return this.frames.send(frame).catch(() => {
      throw (
        this.options.failure.error ??
        new TransferError('connection_lost', 'lost the connection to the destination agent')
      );
    });
  }

  private reply(type: Reply): Promise<void> {
    return this.options.failure.guard(new Promise<void>((resolve) => this.replies.set(type, resolve)));
  }

  private handle({ header }: Frame<DestinationFrame>): void {
    switch (header.type) {
      case 'done-ok':
        this.completed = true;
        this.deletionsHeld = header.deletionsHeld;
        this.resolve(header.type);
        return;
      case 'deleted':
        this.options.onDeleted(header.entries);
        return;
      case 'hello-ok':
      case 'plan-end':
        this.resolve(header.type);
        return;
      case 'plan':
        for (const entry of header.entries) {
          if (!entry.same) this.planned.push(entry);
          else this.options.onFileResult(sameAsDestination(entry.file, this.entries[entry.file]));
        }
        return;
      case 'file-result':
        this.options.onFileResult(header);
        return;
      case 'error':
        this.options.onFailed(new TransferError(header.code, header.message));
        return;
      default:
        throw new FrameError('unexpected_frame', `${header.type} on the control stream`);
    }
  }

  private resolve(type: Reply): void {
    this.replies.get(type)?.();
    this.replies.delete(type);
  }
}

/** A plan entry marked `same`: the result the destination would have sent for it (path as sent). */
function sameAsDestination(file: number, entry: SourceEntry | undefined): FileResultFrame {
  return {
    type: 'file-result',
    file,
    status: 'skipped',
    reason: entry?.kind === 'dir' ? SkipReason.folderExists : SkipReason.sameSizeAndTime,
    ...(entry ? { path: entry.path } : {}),
  };
}
