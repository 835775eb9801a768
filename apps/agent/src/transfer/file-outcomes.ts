import type { DestinationFrame } from '@tcpa/contracts/data-channel';
import type { SourceEntry } from './collect-sources.ts';
import { FrameError } from './frame-codec.ts';

export interface FileOutcome {
  path: string;
  kind: 'file' | 'dir' | 'symlink';
  status: 'written' | 'skipped' | 'failed';
  size: number;
  /** SHA-256 of the file as sent (files only). */
  sha256?: string;
  /** Where it landed, relative to the destination directory. */
  landedPath?: string;
  reason?: string;
  /** The file-system error behind a failure at the destination (see FileResultFrame.code). */
  code?: string;
  /** Move: this side deleted its copy once the destination verified it. */
  sourceDeleted?: boolean;
}

export type FileResultFrame = Extract<DestinationFrame, { type: 'file-result' }>;

export interface FileOutcomesOptions {
  /** The whole-file hash of a file as sent, if taken. */
  hashOf(file: number): string | undefined;
  /** Runs once per entry, when its outcome is known. */
  onSettled(file: number, outcome: FileOutcome): void;
}

/** What became of each entry sent: the destination's result, or failed here (unreadable, changed). */
export class FileOutcomes {
  private readonly outcomes = new Map<number, FileOutcome>();
  /** The walk has ended: `entries` holds them all (it grows while the source is walked). */
  private listed = false;
  private resolveComplete: () => void = () => undefined;
  /** Resolves once every entry has its outcome. */
  readonly complete: Promise<void>;

  constructor(
    private readonly entries: readonly SourceEntry[],
    private readonly options: FileOutcomesOptions,
  ) {
    this.complete = new Promise((resolve) => {
      this.resolveComplete = resolve;
    });
  }

  get isComplete(): boolean {
    return this.listed && this.outcomes.size === this.entries.length;
  }

  /** Every entry is listed: complete once each has its outcome. */
  allListed(): void {
    this.listed = true;
    if (this.isComplete) this.resolveComplete();
  }

  isOpen(file: number): boolean {
    return !this.outcomes.has(file);
  }

  /** The destination's result for a file; a second one for the same file is ignored. */
  addResult(result: FileResultFrame): void {
    const entry = this.entries[result.file];
    if (!entry) throw new FrameError('bad_frame', `result for unknown file ${result.file}`);
    if (this.outcomes.has(result.file)) return;
    const outcome: FileOutcome = { path: entry.path, kind: entry.kind, status: result.status, size: entry.size };
    const sha256 = entry.kind === 'file' ? (this.options.hashOf(result.file) ?? emptyHash(entry.size)) : undefined;
    if (sha256) outcome.sha256 = sha256;
    if (result.path) outcome.landedPath = result.path;
    if (result.reason) outcome.reason = result.reason;
    if (result.code) outcome.code = result.code;
    this.settle(result.file, outcome);
  }

  /** This side gave up on a file (its source changed or cannot be read); false if it had an outcome already. */
  failHere(file: number, reason: string): boolean {
    const entry = this.entries[file];
    if (!entry || this.outcomes.has(file)) return false;
    this.settle(file, { path: entry.path, kind: entry.kind, status: 'failed', size: entry.size, reason });
    return true;
  }

  settled(): IterableIterator<[number, FileOutcome]> {
    return this.outcomes.entries();
  }

  /** Outcomes in the order of the entries. */
  list(): FileOutcome[] {
    return this.entries.map((entry) => this.outcomes.get(entry.index) as FileOutcome);
  }

  private settle(file: number, outcome: FileOutcome): void {
    this.outcomes.set(file, outcome);
    this.options.onSettled(file, outcome);
    if (this.isComplete) this.resolveComplete();
  }
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function emptyHash(size: number): string | undefined {
  return size === 0 ? EMPTY_SHA256 : undefined;
}
