import type { TransferFilters, TransferMode } from '@tcpa/contracts';
import {
  DATA_CHANNEL_VERSION,
  type DataChannelVersion,
  type DestinationFrame,
  DestinationFrameSchema,
  MAX_MANIFEST_ENTRIES_PER_FRAME,
  OLDEST_DATA_CHANNEL_VERSION,
  type OverwritePolicy,
  type PlanEntrySchema,
  type SourceFrame,
} from '@tcpa/contracts/data-channel';
import type { z } from 'zod';
import type { Log } from '../log.ts';
import type { SourceEntry } from './collect-sources.ts';
import type { DataChannelTraffic } from './data-channel-traffic.ts';
import type { FailureLatch } from './failure-latch.ts';
import type { FileResultFrame } from './file-outcomes.ts';
import { type Frame, FrameError } from './frame-codec.ts';
import { FrameSocket } from './frame-socket.ts';
import { connectPinned, type PinnedEndpoint } from './pinned-connect.ts';
import { SkipReason } from './skip-reasons.ts';
import { TransferError } from './transfer-error.ts';

/** How the transfer runs: told before the manifest (version 3) or in manifest-end (2). */
export interface ManifestTerms {
  overwrite: OverwritePolicy;
  mode: TransferMode;
  filters: TransferFilters | null;
  dryRun: boolean;
}

export type DeletedEntry = Extract<DestinationFrame, { type: 'deleted' }>['entries'][number];

/** A file the destination already holds in part (`have`) or a same-size copy of (`sha256`). */
export type PlanEntry = z.infer<typeof PlanEntrySchema>;

type Reply = 'hello-ok' | 'plan-end' | 'done-ok';

export interface SendControlOptions {
  destination: PinnedEndpoint;
  token: string;
  /** The entries listed so far (the walk appends to it while the manifest goes out). */
  entries: readonly SourceEntry[];
  /** Waits end with the transfer's failure; a send that cannot go out reports it. */
  failure: FailureLatch;
  onFileResult(result: FileResultFrame): void;
  /** Plan entries as they arrive: what the destination lacks of each file (those it has are file results). */
  onPlanned(entries: PlanEntry[]): void;
  /** Mirror: a page of what the destination deleted (dry run: would delete). */
  onDeleted(entries: DeletedEntry[]): void;
  /** The destination refused the transfer, or the control stream was lost. */
  onFailed(error: TransferError): void;
  traffic?: DataChannelTraffic;
  log?: Log;
}

/**
 * The source's side of the control stream: hello → terms → manifest pages, each answered by its
 * plan as the destination reads it (version 3; 2: the terms and the whole plan after the
 * manifest); then file hashes and aborts out, file results in; then done.
 */
export class SendControl {
  private frames: FrameSocket<DestinationFrame, SourceFrame> | undefined;
  private readonly replies = new Map<Reply, () => void>();
  private completed = false;
  private deletionsHeld: string | undefined;
  /** What the destination speaks: 3, or 2 (a destination of an earlier release). */
  version: DataChannelVersion = DATA_CHANNEL_VERSION;
  /** Set while hello 3 waits for its answer: an older destination's refusal of it calls this. */
  private onOlderDestination: (() => void) | undefined;
  private terms: ManifestTerms | undefined;

  constructor(private readonly options: SendControlOptions) {}

  /**
   * Connects and shows the token; resolves once the destination accepts it. A destination of an
   * earlier release refuses hello 3 as an invalid frame: the source says hello again in 2.
   */
  async open(): Promise<void> {
    if (await this.hello(DATA_CHANNEL_VERSION)) return;
    this.options.log?.info(
      `the destination agent speaks data channel ${OLDEST_DATA_CHANNEL_VERSION} (an earlier release): it plans once the whole manifest is in`,
    );
    await this.hello(OLDEST_DATA_CHANNEL_VERSION);
  }

  /** Resolves true once accepted, false if hello 3 met a destination that only knows 2. */
  private async hello(version: DataChannelVersion): Promise<boolean> {
    this.version = version;
    const socket = await connectPinned(this.options.destination);
    this.options.traffic?.track(socket);
    const frames: FrameSocket<DestinationFrame, SourceFrame> = new FrameSocket<DestinationFrame, SourceFrame>({
      socket,
      schema: DestinationFrameSchema,
      onFrame: (frame) => this.handle(frame),
      onClose: (error) => {
        if (frames !== this.frames || this.completed || this.options.failure.error) return;
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
    this.frames = frames;
    const older = new Promise<false>((resolve) => {
      this.onOlderDestination = version > OLDEST_DATA_CHANNEL_VERSION ? () => resolve(false) : undefined;
    });
    await this.send({ type: 'hello', version, token: this.options.token, role: 'control' });
    const accepted = await Promise.race([this.reply('hello-ok').then(() => true), older]);
    this.onOlderDestination = undefined;
    if (!accepted) {
      this.frames = undefined;
      frames.destroy();
    }
    return accepted;
  }

  /** How the transfer runs: version 3 tells it now, so the destination plans each page as it comes. */
  async startManifest(terms: ManifestTerms): Promise<void> {
    this.terms = terms;
    if (this.version === OLDEST_DATA_CHANNEL_VERSION) return;
    const { overwrite, mode, filters, dryRun } = terms;
    await this.send({
      type: 'manifest-start',
      overwrite,
      ...(mode === 'copy' ? {} : { mode }),
      ...(mode === 'mirror' && filters ? { filters } : {}),
      ...(dryRun ? { dryRun } : {}),
    });
  }

  /** A page of the manifest (at most MAX_MANIFEST_ENTRIES_PER_FRAME entries), sent as the walk lists it. */
  sendManifestPage(page: readonly SourceEntry[]): Promise<void> {
    return this.send({ type: 'manifest', entries: page.map(({ source: _source, ...entry }) => entry) });
  }

  /**
   * The manifest is complete; a mirror's `keep` paths go first. Resolves once the destination has
   * planned every entry (its plan-end); the plan itself went to `onPlanned` as it came.
   */
  async endManifest(entryCount: number, keep: readonly string[]): Promise<void> {
    for (let start = 0; start < keep.length; start += MAX_MANIFEST_ENTRIES_PER_FRAME) {
      await this.send({ type: 'keep', paths: keep.slice(start, start + MAX_MANIFEST_ENTRIES_PER_FRAME) });
    }
    const terms = this.terms;
    if (!terms) throw new Error('endManifest before startManifest');
    if (this.version === OLDEST_DATA_CHANNEL_VERSION) {
      const { overwrite, mode, filters, dryRun } = terms;
      await this.send({
        type: 'manifest-end',
        entryCount,
        overwrite,
        // A version-2 destination from before mirror and move knows none of these (it refuses
        // unknown fields): a plain copy says nothing new, so it still reaches one.
        ...(mode === 'copy' ? {} : { mode }),
        ...(mode === 'mirror' && filters ? { filters } : {}),
        ...(dryRun ? { dryRun } : {}),
        ...(mode === 'copy' && !dryRun ? {} : { sameInPlan: true as const }),
      });
    } else {
      await this.send({ type: 'manifest-end', entryCount });
    }
    await this.reply('plan-end');
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
      case 'plan': {
        const needed: PlanEntry[] = [];
        for (const entry of header.entries) {
          if (!entry.same) needed.push(entry);
          else this.options.onFileResult(sameAsDestination(entry.file, this.options.entries[entry.file]));
        }
        this.options.onPlanned(needed);
        return;
      }
      case 'file-result':
        this.options.onFileResult(header);
        return;
      case 'error':
        if (this.onOlderDestination && header.code === 'bad_frame' && header.message.startsWith('invalid hello')) {
          this.onOlderDestination();
          return;
        }
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
