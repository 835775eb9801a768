import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { BufferPool } from './buffer-pool.ts';
import type { Chunk } from './chunk-queue.ts';
import type { SourceEntry } from './collect-sources.ts';

/** The source file no longer matches its manifest entry: it changed while being sent. */
export class SourceChangedError extends Error {}

export interface ChunkRead {
  payload: Buffer;
  crc32: number;
}

/** Bytes read per system call: each slice is checksummed (and hashed) while it is still in the CPU cache. */
const SLICE_BYTES = 512 * 1024;
/**
 * Files up to this size are read with synchronous calls: four system calls of a few microseconds
 * each cost less than the promise and thread-pool round trips around them (thousands of files/s).
 */
export const SMALL_FILE_BYTES = 256 * 1024;

/**
 * Open source files, read by chunk; each read first checks the file is still the one announced.
 * Reads of one file run one after another, in the order chunks were taken from the queue, so
 * the whole-file hash sees the bytes in order without holding any back.
 */
export class SourceFiles {
  private readonly handles = new Map<number, Promise<FileHandle>>();
  private readonly reading = new Map<number, Promise<unknown>>();
  private closed = false;
  /** Chunk buffers come back here once the socket has taken their bytes. */
  readonly pool = new BufferPool();

  constructor(private readonly entries: readonly SourceEntry[]) {}

  isWholeFile(chunk: Chunk): boolean {
    return chunk.offset === 0 && chunk.length === this.entries[chunk.file]?.size;
  }

  /** Reads a chunk; `onSlice` sees its bytes in order as they are read. */
  read(chunk: Chunk, onSlice?: (offset: number, slice: Buffer) => void): Promise<ChunkRead> {
    const entry = this.entries[chunk.file];
    if (!entry) return Promise.reject(new Error(`no file ${chunk.file}`));
    if (this.closed) return Promise.reject(new Error('transfer has ended'));
    // A file read in one chunk (small files) is opened, read and closed at once.
    if (this.isWholeFile(chunk) && chunk.length <= SMALL_FILE_BYTES) {
      try {
        return Promise.resolve(readSmallFile(entry));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    if (this.isWholeFile(chunk) && !this.handles.has(chunk.file)) {
      return (async () => {
        const file = await open(entry.source, 'r');
        try {
          return await readFrom(file, entry, chunk, onSlice, this.pool);
        } finally {
          await file.close();
        }
      })();
    }
    let handle = this.handles.get(chunk.file);
    if (!handle) {
      handle = open(entry.source, 'r');
      this.handles.set(chunk.file, handle);
    }
    const opened = handle;
    const previous = this.reading.get(chunk.file) ?? Promise.resolve();
    const read = previous
      .catch(() => undefined)
      .then(async () => readFrom(await opened, entry, chunk, onSlice, this.pool));
    this.reading.set(chunk.file, read);
    return read;
  }

  async release(file: number): Promise<void> {
    const handle = this.handles.get(file);
    this.handles.delete(file);
    const reading = this.reading.get(file);
    this.reading.delete(file);
    await reading?.catch(() => undefined);
    if (handle) await handle.then((opened) => opened.close()).catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.handles.keys()].map((file) => this.release(file)));
  }
}

function readSmallFile(entry: SourceEntry): ChunkRead {
  const fd = openSync(entry.source, 'r');
  try {
    const stats = fstatSync(fd);
    if (stats.size !== entry.size || stats.mtimeMs !== entry.mtimeMs) {
      throw new SourceChangedError('source file changed during transfer (size or modification time differs)');
    }
    const payload = Buffer.allocUnsafe(entry.size);
    let filled = 0;
    while (filled < entry.size) {
      const bytesRead = readSync(fd, payload, filled, entry.size - filled, filled);
      if (bytesRead === 0) throw new SourceChangedError('source file changed during transfer (it shrank)');
      filled += bytesRead;
    }
    return { payload, crc32: crc32(payload) };
  } finally {
    closeSync(fd);
  }
}

async function readFrom(
  file: FileHandle,
  entry: SourceEntry,
  chunk: Chunk,
  onSlice: ((offset: number, slice: Buffer) => void) | undefined,
  pool: BufferPool,
): Promise<ChunkRead> {
  const stats = await file.stat();
  if (stats.size !== entry.size || stats.mtimeMs !== entry.mtimeMs) {
    throw new SourceChangedError('source file changed during transfer (size or modification time differs)');
  }
  const payload = pool.take(chunk.length);
  const readAt = (at: number) => file.read(payload, at, Math.min(SLICE_BYTES, chunk.length - at), chunk.offset + at);
  let crc = 0;
  let filled = 0;
  try {
    // The next slice is being read (thread pool) while this one is checksummed (main thread).
    let reading = readAt(0);
    while (filled < chunk.length) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) throw new SourceChangedError('source file changed during transfer (it shrank)');
      const slice = payload.subarray(filled, filled + bytesRead);
      filled += bytesRead;
      if (filled < chunk.length) reading = readAt(filled);
      crc = crc32(slice, crc);
      onSlice?.(chunk.offset + filled - bytesRead, slice);
    }
  } catch (error) {
    pool.give(payload);
    throw error;
  }
  return { payload, crc32: crc };
}
