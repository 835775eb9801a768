import { lstatSync, readlinkSync, renameSync, statSync } from 'node:fs';
import { link, lstat, lutimes, rename, rm, symlink, utimes } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { ManifestEntry, OverwritePolicy } from '@tcpa/contracts/data-channel';
import { syncFileAndFolder } from './durable-file.ts';
import { sha256File } from './file-hash.ts';
import { FrameError } from './frame-codec.ts';
import { IncomingFile, partialPaths, readJournal, writeWholeFile } from './incoming-file.ts';
import { type IoFailure, ioFailure } from './io-error.ts';
import { MirrorBook } from './mirror-book.ts';
import type { MirrorDeletion } from './mirror-deletions.ts';
import { byteLength, OrderedHash, sha256Of } from './ordered-hash.ts';
import { RangeSet } from './range-set.ts';
import type {
  FileResult,
  FileState,
  MirrorOutcome,
  PlanEntry,
  PlanOptions,
  ReceiveSessionOptions,
} from './receive-session-types.ts';
import {
  checkNoLinkBelow,
  checkSymlinkTarget,
  ensureDirectoryBelow,
  parseRelativePath,
  UnsafePathError,
} from './safe-path.ts';
import { SkipReason } from './skip-reasons.ts';

const MAX_ENTRIES = 1_000_000;
/** Files prepared at once while planning (stat, journal, existing copy). */
const PLAN_CONCURRENCY = 16;
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** existingSameSize: same size and mtime, taken as identical without hashing (not a hash). */
const SAME_SIZE_AND_TIME = 'same-size-and-time';

/** One transfer on the destination: its manifest, the files being written and their results. */
export class ReceiveSession {
  readonly transferId: string;
  private readonly entries = new Map<number, ManifestEntry>();
  private readonly files = new Map<number, FileState>();
  private readonly ensuredDirs = new Set<string>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly mirrorBook = new MirrorBook();
  private overwrite: OverwritePolicy = 'skip_identical';
  private how: PlanOptions = { overwrite: 'skip_identical' };
  /** Links wait for the end of the manifest: a link never stands where a folder or file of it goes. */
  private readonly links: ManifestEntry[] = [];
  private closed = false;
  /** The terms are known: pages are planned as they come, and data streams may join. */
  started = false;
  /** manifest-end: every entry is planned. */
  ended = false;

  constructor(private readonly options: ReceiveSessionOptions) {
    this.transferId = options.transferId;
  }

  addManifest(entries: ManifestEntry[]): void {
    if (this.ended) throw new FrameError('unexpected_frame', 'manifest after manifest-end');
    for (const entry of entries) {
      if (this.entries.has(entry.index)) throw new FrameError('bad_frame', `manifest index ${entry.index} repeated`);
      this.entries.set(entry.index, entry);
    }
    if (this.entries.size > MAX_ENTRIES) throw new FrameError('bad_frame', `manifest over ${MAX_ENTRIES} entries`);
  }

  get entryCount(): number {
    return this.entries.size;
  }

  /** Mirror: paths the source holds without sending them; never deleted. */
  addKeep(paths: string[]): void {
    if (this.ended) throw new FrameError('unexpected_frame', 'keep after manifest-end');
    this.mirrorBook.keep(paths);
  }

  get mirrors(): boolean {
    return this.how.mode === 'mirror';
  }

  get dryRun(): boolean {
    return this.how.dryRun === true;
  }

  /** Mirror: what the source lacks below the folders the token allows (nothing is deleted here). */
  listDeletions(): Promise<MirrorDeletion[]> {
    return this.mirrorBook.listDeletions(this.options, this.entries.values(), this.how.filters ?? null);
  }

  /** Mirror, once every file has its result: deletes what the source lacks, unless a file failed. */
  mirror(): Promise<MirrorOutcome> {
    return this.mirrorBook.mirror(this.options, this.entries, this.files.values(), this.how.filters ?? null);
  }

  /** How the transfer runs (version 3: before the manifest; 2: with manifest-end). */
  start(how: PlanOptions): void {
    if (this.started) throw new FrameError('unexpected_frame', 'the terms came twice');
    this.how = how;
    this.overwrite = how.overwrite;
    this.started = true;
  }

  /** Version 2: prepares the whole manifest at its end; returns what each file still needs. */
  async plan(entryCount: number, how: PlanOptions): Promise<PlanEntry[]> {
    this.checkCount(entryCount);
    this.start(how);
    const planned = await this.planPage([...this.entries.values()]);
    await this.end(entryCount);
    return planned;
  }

  /**
   * Prepares a page of the manifest (added already): its folders in order (parents before
   * children), then its files many at a time; links wait for `end`. Returns what each file still
   * needs; finished entries report at once.
   */
  async planPage(page: readonly ManifestEntry[]): Promise<PlanEntry[]> {
    const sorted = [...page].sort((a, b) => a.index - b.index);
    const planned = new Map<number, PlanEntry>();
    const folders = sorted.filter((entry) => entry.kind === 'dir');
    for (const entry of folders) {
      const item = await this.prepare(entry); // only `same` (an existing folder)
      if (item) planned.set(entry.index, item);
    }
    const files = sorted.filter((entry) => entry.kind === 'file');
    let next = 0;
    const worker = async () => {
      for (let entry = files[next++]; entry; entry = files[next++]) {
        const item = await this.prepare(entry);
        if (item) planned.set(entry.index, item);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PLAN_CONCURRENCY, files.length) }, worker));
    this.links.push(...sorted.filter((entry) => entry.kind === 'symlink'));
    return [...folders, ...files].flatMap((entry) => planned.get(entry.index) ?? []);
  }

  /** manifest-end: checks the count, then places the links. */
  async end(entryCount: number): Promise<void> {
    this.checkCount(entryCount);
    this.links.sort((a, b) => a.index - b.index);
    for (const entry of this.links.splice(0)) await this.prepare(entry);
    this.ended = true;
  }

  private checkCount(entryCount: number): void {
    if (entryCount !== this.entries.size) {
      throw new FrameError('bad_frame', `manifest-end counts ${entryCount} entries, ${this.entries.size} arrived`);
    }
  }

  /** Writes one verified chunk; `file-closed` when the file has failed or the session ended. */
  async writeChunk(file: number, offset: number, pieces: Buffer[], sha256?: string): Promise<'ok' | 'file-closed'> {
    const state = this.files.get(file);
    const length = byteLength(pieces);
    if (!state) throw new FrameError('bad_frame', `chunk for unknown file ${file}`);
    if (offset + length > state.entry.size || state.entry.kind !== 'file') {
      throw new FrameError('bad_frame', `chunk [${offset}, +${length}) outside file ${file}`);
    }
    if (this.closed || state.state !== 'receiving' || !state.target) return 'file-closed';
    if (sha256) state.expected ??= sha256;
    const target = state.target;
    const work = (async () => {
      try {
        if (offset === 0 && length === state.entry.size && !state.incoming && !state.held && state.expected) {
          await this.receiveWhole(state, target, pieces);
          return state.state === 'failed' ? ('file-closed' as const) : ('ok' as const);
        }
        state.incoming ??= IncomingFile.open(target, state.entry);
        const incoming = await state.incoming;
        if (state.state !== 'receiving') return 'file-closed' as const;
        await incoming.write(offset, pieces, length);
        if (incoming.complete && state.expected && state.state === 'receiving') await this.finalize(state);
        return 'ok' as const;
      } catch (error) {
        await this.fail(state, ioFailure(error));
        return 'file-closed' as const;
      }
    })();
    return this.track(work);
  }

  /** Hashes chunk bytes the moment they arrive, while they are still in the CPU cache. */
  hashArriving(file: number, offset: number, piece: Buffer): void {
    const state = this.files.get(file);
    if (state?.state !== 'receiving' || state.entry.kind !== 'file') return;
    if (offset === 0 && piece.length >= state.entry.size) return; // a whole-file chunk hashes itself
    if (offset + piece.length > state.entry.size) return; // refused when the frame is handled
    state.hash ??= new OrderedHash(state.entry.size);
    state.hash.add(offset, [piece]);
  }

  /** A chunk failed its checksum after some of it was hashed: start over (missing bytes are read back at the end). */
  distrustHash(file: number): void {
    const state = this.files.get(file);
    if (state?.entry.kind === 'file') state.hash = new OrderedHash(state.entry.size);
  }

  /** The source's hash of a whole file, known once it read the last byte. */
  async setFileHash(file: number, sha256: string): Promise<void> {
    const state = this.files.get(file);
    if (state?.entry.kind !== 'file') throw new FrameError('bad_frame', `hash for unknown file ${file}`);
    if (state.state !== 'receiving' || state.expected) return;
    state.expected = sha256;
    if (state.existing === sha256 && !state.incoming) {
      const skipped = { file, status: 'skipped' as const, path: state.entry.path, reason: SkipReason.identicalFile };
      await this.track(this.settleDurably(state, skipped).catch((error) => this.fail(state, ioFailure(error))));
      return;
    }
    const complete = state.incoming ? (await state.incoming).complete : state.held && (await this.heldComplete(state));
    if (complete) await this.track(this.finalize(state).catch((error) => this.fail(state, ioFailure(error))));
  }

  async abortFile(file: number, reason: string): Promise<void> {
    const state = this.files.get(file);
    if (state?.state === 'receiving') await this.fail(state, { reason }, false);
  }

  /** Sets directory times (children have changed them) and closes everything. */
  async finish(): Promise<void> {
    await this.close();
    const dirs = [...this.files.values()].filter((file) => file.entry.kind === 'dir' && file.state === 'done');
    dirs.sort((a, b) => b.entry.path.length - a.entry.path.length);
    for (const dir of dirs) {
      const time = new Date(dir.entry.mtimeMs);
      if (dir.target) await utimes(dir.target, time, time).catch(() => undefined);
    }
  }

  /** Stops writing; partial files and journals stay for a resume. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.pending]);
    for (const state of this.files.values()) {
      if (state.incoming) await state.incoming.then((incoming) => incoming.close()).catch(() => undefined);
    }
  }

  private async track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    try {
      return await work;
    } finally {
      this.pending.delete(work);
    }
  }

  /** One entry's target, directory and earlier state; a plan entry when the file needs data or its hash. */
  private async prepare(entry: ManifestEntry): Promise<PlanEntry | undefined> {
    const state: FileState = { entry, state: 'receiving' };
    if (entry.sha256) state.expected = entry.sha256;
    this.files.set(entry.index, state);
    try {
      const parts = parseRelativePath(entry.path);
      if (!this.options.names.has(parts[0] as string)) {
        throw new UnsafePathError(`not named by the transfer token: ${JSON.stringify(entry.path.slice(0, 200))}`);
      }
      const target = join(this.options.dir, ...parts);
      state.target = target;
      if (this.dryRun) return await this.preview(state, target);
      if (entry.kind === 'dir') {
        if (!(await this.ensureDir(target))) return this.skip(state, SkipReason.folderExists);
        this.settle(state, { file: entry.index, status: 'written', path: entry.path });
        return undefined;
      }
      await this.ensureDir(dirname(target));
      if (entry.kind === 'symlink') {
        await this.settleDurably(state, await this.placeSymlink(entry, target));
        return undefined;
      }
      const existing = await this.existingSameSize(target, entry);
      if (entry.size === 0) state.expected = EMPTY_SHA256;
      if (existing === SAME_SIZE_AND_TIME) return this.skip(state, SkipReason.sameSizeAndTime);
      if (existing && existing === state.expected) {
        const skipped = {
          file: entry.index,
          status: 'skipped' as const,
          path: entry.path,
          reason: SkipReason.identicalFile,
        };
        await this.settleDurably(state, skipped);
        return undefined;
      }
      const journal = hasLeftovers(target)
        ? await readJournal(target, entry)
        : { have: new RangeSet(), leftovers: false };
      state.leftovers = journal.leftovers;
      state.held = journal.have.bytes > 0;
      if (entry.size === 0) {
        await this.receiveWhole(state, target, []);
        return undefined;
      }
      if (journal.have.covers(entry.size) && state.expected) {
        await this.finalize(state);
        return undefined;
      }
      if (existing) state.existing = existing;
      return { file: entry.index, have: journal.have.toPairs(), ...(existing ? { sha256: existing } : {}) };
    } catch (error) {
      this.settle(state, { file: entry.index, status: 'failed', path: entry.path, ...ioFailure(error) });
      return undefined;
    }
  }

  /**
   * Dry run: what this entry would need, writing nothing (no folder, journal or link). A link
   * already there with the same text, or a same-size-and-time file, is reported skipped.
   */
  private async preview(state: FileState, target: string): Promise<PlanEntry | undefined> {
    const { entry } = state;
    if (entry.kind === 'dir') return undefined;
    // What lies behind a link at the destination is not the transfer's to look at (a run refuses it).
    await checkNoLinkBelow(this.options.dir, dirname(target));
    if (entry.kind === 'symlink') {
      const existing = lstatSync(target, { throwIfNoEntry: false });
      if (existing?.isSymbolicLink() && readlinkSync(target) === entry.target) {
        this.settle(state, {
          file: entry.index,
          status: 'skipped',
          path: entry.path,
          reason: SkipReason.identicalSymlink,
        });
      }
      return undefined;
    }
    const existing = await this.existingSameSize(target, entry);
    if (existing === SAME_SIZE_AND_TIME) return this.skip(state, SkipReason.sameSizeAndTime);
    return { file: entry.index, have: [], ...(existing ? { sha256: existing } : {}) };
  }

  /** Same size and mtime at the target, or a folder there: skipped, in the plan when the source reads it there. */
  private skip(state: FileState, reason: string): PlanEntry | undefined {
    const { entry } = state;
    const skipped = { file: entry.index, status: 'skipped' as const, path: entry.path, reason };
    if (!this.how.sameInPlan) {
      this.settle(state, skipped);
      return undefined;
    }
    this.settle(state, skipped, false);
    return { file: entry.index, have: [], same: true };
  }

  private async heldComplete(state: FileState): Promise<boolean> {
    if (!state.target) return false;
    return (await readJournal(state.target, state.entry)).have.covers(state.entry.size);
  }

  /** True when this call made `dir`. */
  private async ensureDir(dir: string): Promise<boolean> {
    if (this.ensuredDirs.has(dir)) return false;
    const created = await ensureDirectoryBelow(this.options.dir, dir, this.options.offLimits);
    this.ensuredDirs.add(dir);
    return created;
  }

  /**
   * Makes a preserved symlink: under a temporary name, then renamed over what is there (rename
   * replaces the entry and never follows a link). One already there with the same text is left.
   */
  private async placeSymlink(entry: ManifestEntry, target: string): Promise<FileResult> {
    const linkText = entry.target;
    if (!linkText) throw new UnsafePathError('symlink without a target');
    checkSymlinkTarget(entry.path, linkText);
    const existing = lstatSync(target, { throwIfNoEntry: false });
    if (existing?.isSymbolicLink() && readlinkSync(target) === linkText) {
      return { file: entry.index, status: 'skipped', path: entry.path, reason: SkipReason.identicalSymlink };
    }
    if (existing?.isDirectory()) throw new Error('destination exists and is a folder');
    let landed = target;
    if (existing && this.overwrite === 'keep_both') landed = await linkUnderFreeName(linkText, target);
    else {
      const temporary = partialPaths(target).part;
      await rm(temporary, { force: true });
      await symlink(linkText, temporary);
      await rename(temporary, target);
    }
    const time = new Date(entry.mtimeMs);
    await lutimes(landed, time, time).catch(() => undefined); // the link's own time, as cp -a keeps it
    return { file: entry.index, status: 'written', path: join(dirname(entry.path), basename(landed)) };
  }

  /**
   * skip_identical: the hash of a same-size regular file already at the target; or, outside move
   * mode, SAME_SIZE_AND_TIME without reading it when its mtime (ms) is the manifest's too — the
   * quick check rsync makes, so an incremental run plans without hashing what it keeps.
   */
  private async existingSameSize(target: string, entry: ManifestEntry): Promise<string | undefined> {
    // Synchronous: one lstat of a path that usually does not exist, for each of thousands of files.
    const existing = lstatSync(target, { throwIfNoEntry: false });
    if (!existing) return undefined;
    if (!existing.isFile()) throw new Error('destination exists and is not a regular file');
    if (this.overwrite !== 'skip_identical' || existing.size !== entry.size) return undefined;
    if (this.how.mode !== 'move' && Math.trunc(existing.mtimeMs) === Math.trunc(entry.mtimeMs)) {
      return SAME_SIZE_AND_TIME;
    }
    return sha256File(target);
  }

  /** A file in one chunk: checked against its hash from memory, written and put in place at once. */
  private async receiveWhole(state: FileState, target: string, pieces: Buffer[]): Promise<void> {
    state.state = 'finalizing';
    if (sha256Of(pieces) !== state.expected) {
      this.settle(state, {
        file: state.entry.index,
        status: 'failed',
        path: state.entry.path,
        reason: 'content hash mismatch: the file changed while it was read',
      });
      return;
    }
    await writeWholeFile(target, state.entry, pieces);
    let landed = target;
    if (this.overwrite !== 'keep_both') renameSync(partialPaths(target).part, target);
    else landed = await this.install(partialPaths(target).part, target);
    if (state.leftovers) await rm(partialPaths(target).journal, { force: true });
    await this.settleDurably(state, { file: state.entry.index, status: 'written', path: this.relative(state, landed) });
  }

  private async finalize(state: FileState): Promise<void> {
    const target = state.target as string;
    if (state.state !== 'receiving') return;
    state.state = 'finalizing';
    state.incoming ??= IncomingFile.open(target, state.entry);
    const incoming = await state.incoming;
    state.hash ??= new OrderedHash(state.entry.size);
    const verified = await incoming.verify(state.expected as string, state.hash);
    if (!verified.ok) {
      this.settle(state, {
        file: state.entry.index,
        status: 'failed',
        path: state.entry.path,
        reason: verified.reason,
      });
      return;
    }
    await incoming.close();
    const landed = await this.install(partialPaths(target).part, target);
    await incoming.removeJournal();
    await this.settleDurably(state, { file: state.entry.index, status: 'written', path: this.relative(state, landed) });
  }

  private relative(state: FileState, landed: string): string {
    return join(dirname(state.entry.path), basename(landed));
  }

  /** Moves the verified partial file into place following the overwrite policy. */
  private async install(part: string, target: string): Promise<string> {
    // rename replaces a directory entry and never writes through a symlink planted at the target.
    if (this.overwrite !== 'keep_both') {
      await rename(part, target);
      return target;
    }
    const existing = await lstat(target).catch(() => undefined);
    if (existing && !existing.isFile()) throw new Error('destination exists and is not a regular file');
    if (!existing) {
      await rename(part, target);
      return target;
    }
    const extension = extname(target);
    const stem = target.slice(0, target.length - extension.length);
    for (let copy = 1; ; copy += 1) {
      const candidate = `${stem} (${copy})${extension}`;
      try {
        await link(part, candidate); // fails if the name exists: never replaces anything
        await rm(part);
        return candidate;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }

  private async fail(state: FileState, failure: IoFailure, report = true): Promise<void> {
    if (state.state === 'done' || state.state === 'failed') return;
    state.state = 'failed';
    if (state.incoming) await state.incoming.then((incoming) => incoming.close()).catch(() => undefined);
    if (report) this.settle(state, { file: state.entry.index, status: 'failed', path: state.entry.path, ...failure });
  }

  /** Move mode: the source deletes its copy once told, so what arrived is flushed to disk first. */
  private async settleDurably(state: FileState, result: FileResult): Promise<void> {
    if (this.how.mode === 'move' && result.status !== 'failed' && result.path) {
      await syncFileAndFolder(join(this.options.dir, result.path), state.entry.kind === 'symlink');
    }
    this.settle(state, result);
  }

  private settle(state: FileState, result: FileResult, report = true): void {
    state.state = result.status === 'failed' ? 'failed' : 'done';
    if (result.path && result.status !== 'failed' && this.mirrors) this.mirrorBook.landed(result.path);
    if (report) this.options.onFileResult(result);
  }
}

/** keep_both: the link under the first free `<name> (n)` name. */
async function linkUnderFreeName(linkText: string, target: string): Promise<string> {
  const extension = extname(target);
  const stem = target.slice(0, target.length - extension.length);
  for (let copy = 1; ; copy += 1) {
    const candidate = `${stem} (${copy})${extension}`;
    try {
      await symlink(linkText, candidate); // fails if the name exists: never replaces anything
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** A partial file or journal from an earlier attempt is there (two stats, no reads, in the common case of none). */
function hasLeftovers(target: string): boolean {
  const paths = partialPaths(target);
  return Boolean(statSync(paths.part, { throwIfNoEntry: false }) ?? statSync(paths.journal, { throwIfNoEntry: false }));
}
