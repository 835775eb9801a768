import { createHash } from 'node:crypto';
import { closeSync, constants, fchmodSync, futimesSync, openSync, writevSync } from 'node:fs';
import { type FileHandle, open, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ManifestEntry } from '@tcpa/contracts/data-channel';
import type { OrderedHash } from './ordered-hash.ts';
import { RangeSet } from './range-set.ts';
import { JOURNAL_PREFIX, PARTIAL_PREFIX } from './safe-path.ts';

const SYNC_INTERVAL_MS = 1000;
const SYNC_BYTES = 256 * 1024 * 1024;
/** 3: partial files are named by a hash of the target's name, which the header names. */
const JOURNAL_VERSION = 3;

interface JournalHeader {
  v: typeof JOURNAL_VERSION;
  /** The target's file name: the partial name is a hash of it, so this confirms the pair. */
  name: string;
  size: number;
  mtimeMs: number;
}

/**
 * Where a file is received before it is renamed into place: beside it, under a name made of a
 * hash of its name. A suffix on the name itself (`<name>.tcpa-part`) failed with ENAMETOOLONG for
 * names of 246 bytes or more; these names are 35 and 38 bytes whatever the file is called. 96 bits
 * of SHA-256 make two names in one folder sharing a partial name not a practical worry, and the
 * journal names its file besides.
 */
export function partialPaths(target: string) {
  const key = createHash('sha256').update(basename(target)).digest('hex').slice(0, 24);
  const dir = dirname(target);
  return { part: join(dir, `${PARTIAL_PREFIX}${key}`), journal: join(dir, `${JOURNAL_PREFIX}${key}`) };
}

export interface JournalState {
  /** Ranges an earlier attempt journaled for this exact source version (size and mtime). */
  have: RangeSet;
  /** A partial file or journal is on disk (to remove when the file is written another way). */
  leftovers: boolean;
}

/** What an earlier attempt left for this file; nothing held when the journal describes another version. */
export async function readJournal(target: string, entry: ManifestEntry): Promise<JournalState> {
  const paths = partialPaths(target);
  const set = new RangeSet();
  const part = await stat(paths.part).catch(() => undefined);
  // A journal without its partial file is left from a crash after the rename.
  if (!part) {
    const journal = await stat(paths.journal).catch(() => undefined);
    return { have: set, leftovers: Boolean(journal) };
  }
  if (!part.isFile() || part.size !== entry.size) return { have: set, leftovers: true };
  const text = await readFile(paths.journal, 'utf8').catch(() => '');
  const lines = text.split('\n');
  let header: Partial<JournalHeader> = {};
  try {
    header = JSON.parse(lines[0] ?? '');
  } catch {
    return { have: set, leftovers: true };
  }
  if (
    header.v !== JOURNAL_VERSION ||
    header.name !== basename(target) ||
    header.size !== entry.size ||
    header.mtimeMs !== entry.mtimeMs
  ) {
    return { have: set, leftovers: true };
  }
  for (const line of lines.slice(1)) {
    const match = /^(\d+) (\d+)$/.exec(line); // a torn last line is simply not counted
    if (!match) continue;
    const offset = Number(match[1]);
    const length = Number(match[2]);
    if (offset + length <= entry.size) set.add(offset, length);
  }
  return { have: set, leftovers: true };
}

/**
 * One file being received in several chunks: they are written at their offsets into its partial
 * file and each finished chunk is appended to its journal (see `partialPaths`), so a restart
 * knows what it holds. The journal is appended after the data is written: a killed process
 * loses only chunks in flight. Both are fsync'd about every second in the background (data
 * first), which bounds what a power cut can lose without holding up the writes. The whole-file
 * SHA-256 is computed by the session as chunk bytes arrive; only bytes it missed are read back.
 */
export class IncomingFile {
  private syncing: Promise<void> | undefined;
  private lastSync = Date.now();
  private unsyncedBytes = 0;
  private writeQueue: Promise<void> = Promise.resolve();

  private constructor(
    readonly target: string,
    readonly entry: ManifestEntry,
    readonly have: RangeSet,
    private readonly part: FileHandle,
    private readonly journal: FileHandle,
  ) {}

  static async open(target: string, entry: ManifestEntry): Promise<IncomingFile> {
    const paths = partialPaths(target);
    const { have } = await readJournal(target, entry);
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
        const header: JournalHeader = {
          v: JOURNAL_VERSION,
          name: basename(target),
          size: entry.size,
          mtimeMs: entry.mtimeMs,
        };
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

  /**
   * One write at a time per file: the kernel holds the file's inode lock for a whole buffered
   * write, and a second thread-pool write to the same file spins on it, which cost the receiver
   * about a third of its CPU with two streams.
   */
  write(offset: number, pieces: Buffer[], length: number): Promise<void> {
    const turn = this.writeQueue.then(() => this.writeAt(offset, pieces, length));
    this.writeQueue = turn.catch(() => undefined);
    return turn;
  }

  private async writeAt(offset: number, pieces: Buffer[], length: number): Promise<void> {
    let written = 0;
    let rest = pieces;
    while (written < length) {
      const bytesWritten = await writeAll(this.part, rest, offset + written);
      written += bytesWritten;
      if (written < length) rest = dropBytes(rest, bytesWritten);
    }
    await this.journal.write(`${offset} ${length}\n`);
    this.have.add(offset, length);
    this.unsyncedBytes += length;
    if (this.unsyncedBytes >= SYNC_BYTES || Date.now() - this.lastSync >= SYNC_INTERVAL_MS) {
      this.sync().catch(() => undefined); // a failing disk shows on the next write
    }
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

  /**
   * Checks the whole-file SHA-256 against the source's, makes the data durable and sets mode and
   * mtime; the caller renames it into place. A mismatch discards the partial file.
   */
  async verify(expectedSha256: string, hash: OrderedHash): Promise<{ ok: true } | { ok: false; reason: string }> {
    const actual = await hash.finish(async (offset, length) => {
      const buffer = Buffer.allocUnsafe(length);
      const { bytesRead } = await this.part.read(buffer, 0, length, offset);
      if (bytesRead !== length) throw new Error('partial file shorter than expected');
      return buffer;
    });
    if (actual !== expectedSha256) {
      await this.discard();
      return { ok: false, reason: 'content hash mismatch after transfer; it will be sent again' };
    }
    await Promise.allSettled([this.syncing]);
    await this.part.datasync();
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

/**
 * A file that arrives in one chunk (small files): written, hashed from memory and finished in
 * one go, without a journal. Not fsync'd one by one: a power cut right after may lose it, as
 * with cp or rsync, and a rerun sends it again.
 */
export async function writeWholeFile(target: string, entry: ManifestEntry, pieces: Buffer[]): Promise<void> {
  if (entry.size <= SMALL_WRITE_BYTES) {
    writeSmallFile(partialPaths(target).part, entry, pieces);
    return;
  }
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;
  const part = await open(partialPaths(target).part, flags, 0o600);
  try {
    let rest = pieces;
    for (let left = entry.size; left > 0; ) {
      const written = await writeAll(part, rest, entry.size - left);
      left -= written;
      if (left > 0) rest = dropBytes(rest, written);
    }
    await part.chmod(entry.mode & 0o1777);
    const mtime = new Date(entry.mtimeMs);
    await part.utimes(mtime, mtime);
  } finally {
    await part.close();
  }
}

const MAX_IOVECS = 1024;
/** Small files are written with synchronous calls: cheaper than thread-pool round trips (see source-files). */
const SMALL_WRITE_BYTES = 256 * 1024;

function writeSmallFile(path: string, entry: ManifestEntry, pieces: Buffer[]): void {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;
  const fd = openSync(path, flags, 0o600);
  try {
    let rest = pieces.slice(0, MAX_IOVECS);
    for (let written = 0; written < entry.size; ) {
      const count = writevSync(fd, rest, written);
      written += count;
      if (written < entry.size) rest = dropBytes(pieces, written).slice(0, MAX_IOVECS);
    }
    fchmodSync(fd, entry.mode & 0o1777);
    const mtime = new Date(entry.mtimeMs);
    futimesSync(fd, mtime, mtime);
  } finally {
    closeSync(fd);
  }
}

async function writeAll(handle: FileHandle, pieces: Buffer[], position: number): Promise<number> {
  if (pieces.length === 1) {
    const piece = pieces[0] as Buffer;
    return (await handle.write(piece, 0, piece.length, position)).bytesWritten;
  }
  return (await handle.writev(pieces.slice(0, MAX_IOVECS), position)).bytesWritten;
}

/** `pieces` without their first `count` bytes. */
function dropBytes(pieces: Buffer[], count: number): Buffer[] {
  const out: Buffer[] = [];
  let skip = count;
  for (const piece of pieces) {
    if (skip >= piece.length) {
      skip -= piece.length;
      continue;
    }
    out.push(skip > 0 ? piece.subarray(skip) : piece);
    skip = 0;
  }
  return out;
}
