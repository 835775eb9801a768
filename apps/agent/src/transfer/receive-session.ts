import { link, lstat, rename, rm, utimes } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { ManifestEntry, OverwritePolicy } from '@tcpa/contracts/data-channel';
import { sha256File } from './file-hash.ts';
import { FrameError } from './frame-codec.ts';
import { IncomingFile, partialPaths, readJournal } from './incoming-file.ts';
import { describeIoError } from './io-error.ts';
import { ensureDirectoryInside, parseRelativePath } from './safe-path.ts';

const MAX_ENTRIES = 1_000_000;

export interface FileResult {
  file: number;
  status: 'written' | 'skipped' | 'failed';
  path?: string;
  reason?: string;
}

interface FileState {
  entry: ManifestEntry;
  target?: string;
  state: 'receiving' | 'finalizing' | 'done' | 'failed';
  incoming?: Promise<IncomingFile>;
}

export interface ReceiveSessionOptions {
  transferId: string;
  root: string;
  dir: string;
  onFileResult: (result: FileResult) => void;
}

/** One transfer on the destination: its manifest, the files being written and their results. */
export class ReceiveSession {
  readonly transferId: string;
  private readonly entries = new Map<number, ManifestEntry>();
  private readonly files = new Map<number, FileState>();
  private readonly ensuredDirs = new Set<string>();
  private readonly pending = new Set<Promise<unknown>>();
  private overwrite: OverwritePolicy = 'skip-identical';
  private closed = false;
  ready = false;

  constructor(private readonly options: ReceiveSessionOptions) {
    this.transferId = options.transferId;
  }

  addManifest(entries: ManifestEntry[]): void {
    if (this.ready) throw new FrameError('unexpected_frame', 'manifest after manifest-end');
    for (const entry of entries) {
      if (this.entries.has(entry.index)) throw new FrameError('bad_frame', `manifest index ${entry.index} repeated`);
      if (entry.kind === 'file' && !entry.sha256) throw new FrameError('bad_frame', 'manifest file without sha256');
      this.entries.set(entry.index, entry);
    }
    if (this.entries.size > MAX_ENTRIES) throw new FrameError('bad_frame', `manifest over ${MAX_ENTRIES} entries`);
  }

  /** Prepares every entry; returns what each file still needs. Finished entries report at once. */
  async plan(
    entryCount: number,
    overwrite: OverwritePolicy,
  ): Promise<Array<{ file: number; have: Array<[number, number]> }>> {
    if (entryCount !== this.entries.size) {
      throw new FrameError('bad_frame', `manifest-end counts ${entryCount} entries, ${this.entries.size} arrived`);
    }
    this.overwrite = overwrite;
    const plan: Array<{ file: number; have: Array<[number, number]> }> = [];
    const sorted = [...this.entries.values()].sort((a, b) => a.index - b.index);
    for (const entry of sorted) {
      const state: FileState = { entry, state: 'receiving' };
      this.files.set(entry.index, state);
      try {
        const target = join(this.options.dir, ...parseRelativePath(entry.path));
        state.target = target;
        if (entry.kind === 'dir') {
          await this.ensureDir(target);
          this.settle(state, { file: entry.index, status: 'written', path: entry.path });
          continue;
        }
        await this.ensureDir(dirname(target));
        if (await this.isIdenticalExisting(target, entry)) {
          this.settle(state, {
            file: entry.index,
            status: 'skipped',
            path: entry.path,
            reason: 'identical file exists',
          });
          continue;
        }
        const have = await readJournal(target, entry);
        if (have.covers(entry.size)) await this.finalize(state);
        else plan.push({ file: entry.index, have: have.toPairs() });
      } catch (error) {
        this.settle(state, { file: entry.index, status: 'failed', path: entry.path, reason: describeIoError(error) });
      }
    }
    this.ready = true;
    return plan;
  }

  /** Writes one verified chunk; `file-closed` when the file has failed or the session ended. */
  async writeChunk(file: number, offset: number, payload: Buffer): Promise<'ok' | 'file-closed'> {
    const state = this.files.get(file);
    if (!state) throw new FrameError('bad_frame', `chunk for unknown file ${file}`);
    if (offset + payload.length > state.entry.size || state.entry.kind !== 'file') {
      throw new FrameError('bad_frame', `chunk [${offset}, +${payload.length}) outside file ${file}`);
    }
    if (this.closed || state.state !== 'receiving' || !state.target) return 'file-closed';
    const target = state.target;
    const work = (async () => {
      try {
        state.incoming ??= IncomingFile.open(target, state.entry);
        const incoming = await state.incoming;
        if (state.state !== 'receiving') return 'file-closed' as const;
        await incoming.write(offset, payload);
        if (incoming.complete && state.state === 'receiving') await this.finalize(state);
        return 'ok' as const;
      } catch (error) {
        await this.fail(state, describeIoError(error));
        return 'file-closed' as const;
      }
    })();
    this.pending.add(work);
    try {
      return await work;
    } finally {
      this.pending.delete(work);
    }
  }

  async abortFile(file: number, reason: string): Promise<void> {
    const state = this.files.get(file);
    if (state?.state === 'receiving') await this.fail(state, reason, false);
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

  private async ensureDir(dir: string): Promise<void> {
    if (this.ensuredDirs.has(dir)) return;
    await ensureDirectoryInside(this.options.root, dir);
    this.ensuredDirs.add(dir);
  }

  private async isIdenticalExisting(target: string, entry: ManifestEntry): Promise<boolean> {
    const existing = await lstat(target).catch(() => undefined);
    if (!existing) return false;
    if (!existing.isFile()) throw new Error('destination exists and is not a regular file');
    if (this.overwrite !== 'skip-identical' || existing.size !== entry.size) return false;
    return (await sha256File(target)) === entry.sha256;
  }

  private async finalize(state: FileState): Promise<void> {
    const target = state.target as string;
    state.state = 'finalizing';
    state.incoming ??= IncomingFile.open(target, state.entry);
    const incoming = await state.incoming;
    const verified = await incoming.verify();
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
    const relative = join(dirname(state.entry.path), basename(landed));
    this.settle(state, { file: state.entry.index, status: 'written', path: relative });
  }

  /** Moves the verified partial file into place following the overwrite policy. */
  private async install(part: string, target: string): Promise<string> {
    const existing = await lstat(target).catch(() => undefined);
    if (existing && !existing.isFile()) throw new Error('destination exists and is not a regular file');
    if (!existing || this.overwrite !== 'keep-both') {
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

  private async fail(state: FileState, reason: string, report = true): Promise<void> {
    if (state.state === 'done' || state.state === 'failed') return;
    state.state = 'failed';
    if (state.incoming) await state.incoming.then((incoming) => incoming.close()).catch(() => undefined);
    if (report) this.settle(state, { file: state.entry.index, status: 'failed', path: state.entry.path, reason });
  }

  private settle(state: FileState, result: FileResult): void {
    state.state = result.status === 'failed' ? 'failed' : 'done';
    this.options.onFileResult(result);
  }
}
