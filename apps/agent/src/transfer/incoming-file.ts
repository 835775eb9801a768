import { constants } from 'node:fs';
import { type FileHandle, open, readFile, rm, stat } from 'node:fs/promises';
import type { ManifestEntry } from '@tcpa/contracts/data-channel';
import { sha256File } from './file-hash.ts';
import { RangeSet } from './range-set.ts';
import { JOURNAL_SUFFIX, PARTIAL_SUFFIX } from './safe-path.ts';

const SYNC_INTERVAL_MS = 1000;
const SYNC_BYTES = 256 * 1024 * 1024;

interface JournalHeader {
  v: 1;
  size: number;
  mtimeMs: number;
  sha256: string;
}

export function partialPaths(target: string) {
  return { part: `${target}${PARTIAL_SUFFIX}`, journal: `${target}${JOURNAL_SUFFIX}` };
}

/**
 * The ranges an earlier attempt journaled for this exact source version (size, mtime, hash);
 * empty when there is no journal or it describes another version.
 */
export async function readJournal(target: string, entry: ManifestEntry): Promise<RangeSet> {
  const paths = partialPaths(target);
  const set = new RangeSet();
  // A journal without its partial file is left from a crash after the rename.
  const part = await stat(paths.part).catch(() => undefined);
  if (!part?.isFile() || part.size !== entry.size) return set;
  const text = await readFile(paths.journal, 'utf8').catch(() => '');
  const lines = text.split('\n');
  let header: Partial<JournalHeader> = {};
  try {
    header = JSON.parse(lines[0] ?? '');
  } catch {
    return set;
  }
  if (header.size !== entry.size || header.mtimeMs !== entry.mtimeMs || header.sha256 !== entry.sha256) return set;
  for (const line of lines.slice(1)) {
    const match = /^(\d+) (\d+)$/.exec(line); // a torn last line is simply not counted
    if (!match) continue;
    const offset = Number(match[1]);
    const length = Number(match[2]);
    if (offset + length <= entry.size) set.add(offset, length);
  }
  return set;
}

/**
 * One file being received: chunks are written at their offsets into `<name>.tcpa-part` and each
 * finished chunk is appended to `<name>.tcpa-journal`, so a restart knows what it holds. The
 * journal is appended after the data is written: a killed process loses only chunks in flight.
 * Both are fsync'd every second (data first), which bounds what a power cut can lose.
 */
export class IncomingFile {
  private syncing: Promise<void> | undefined;
  private lastSync = Date.now();
  private unsyncedBytes = 0;

  private constructor(
    readonly target: string,
    readonly entry: ManifestEntry,
    readonly have: RangeSet,
    private readonly part: FileHandle,
    private readonly journal: FileHandle,
  ) {}

  static async open(target: string, entry: ManifestEntry): Promise<IncomingFile> {
    const paths = partialPaths(target);
    const have = await readJournal(target, entry);
    // O_NOFOLLOW: a symlink planted at the partial name is never written through.
    const flags = constants.O_RDWR | constants.O_CREAT | constants.O_NOFOLLOW;
    const part = await open(paths.part, flags, 0o600);
    try {
      const stat = await part.stat();
      if (!stat.isFile()) throw new Error('partial file is not a regular file');
      let journal: FileHandle;
      if (have.bytes === 0) {
        await part.truncate(0);
        await part.truncate(entry.size);
        journal = await open(
          paths.journal,
          constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
          0o600,
        );
        const header: JournalHeader = { v: 1, size: entry.size, mtimeMs: entry.mtimeMs, sha256: entry.sha256 ?? '' };
        await journal.write(`${JSON.stringify(header)}\n`);
      } else {
        journal = await open(paths.journal, constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW);
        // A torn last line must not glue itself to the next entry.
        await journal.write('\n');
      }
      return new IncomingFile(target, entry, have, part, journal);
    } catch (error) {
      await part.close();
      throw error;
    }
  }

  get complete(): boolean {
    return this.have.covers(this.entry.size);
  }

  async write(offset: number, payload: Buffer): Promise<void> {
    let written = 0;
    while (written < payload.length) {
      const { bytesWritten } = await this.part.write(payload, written, payload.length - written, offset + written);
      written += bytesWritten;
    }
    await this.journal.write(`${offset} ${payload.length}\n`);
    this.have.add(offset, payload.length);
    this.unsyncedBytes += payload.length;
    if (this.unsyncedBytes >= SYNC_BYTES || Date.now() - this.lastSync >= SYNC_INTERVAL_MS) await this.sync();
  }

  async sync(): Promise<void> {
    if (!this.syncing) {
      this.unsyncedBytes = 0;
      this.lastSync = Date.now();
      this.syncing = (async () => {
        await this.part.datasync();
        await this.journal.datasync();
      })().finally(() => {
        this.syncing = undefined;
      });
    }
    await this.syncing;
  }

  /** Verifies the whole-file SHA-256 and sets mode and mtime; the caller renames it into place. */
  async verify(): Promise<{ ok: true } | { ok: false; reason: string }> {
    await this.part.datasync();
    const actual = await sha256File(partialPaths(this.target).part);
    if (actual !== this.entry.sha256) {
      await this.discard();
      return { ok: false, reason: 'content hash mismatch after transfer; it will be sent again' };
    }
    // Set-id bits are never carried over from another machine.
    await this.part.chmod(this.entry.mode & 0o1777);
    const mtime = new Date(this.entry.mtimeMs);
    await this.part.utimes(mtime, mtime);
    return { ok: true };
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.syncing]);
    await Promise.allSettled([this.part.close(), this.journal.close()]);
  }

  async removeJournal(): Promise<void> {
    await this.close();
    await rm(partialPaths(this.target).journal, { force: true });
  }

  private async discard(): Promise<void> {
    await this.close();
    const paths = partialPaths(this.target);
    await rm(paths.journal, { force: true });
    await rm(paths.part, { force: true });
  }
}
