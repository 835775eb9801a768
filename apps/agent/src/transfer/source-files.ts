import { type FileHandle, open } from 'node:fs/promises';
import type { Chunk } from './chunk-queue.ts';
import type { SourceEntry } from './collect-sources.ts';

/** The source file no longer matches its manifest entry: it changed while being sent. */
export class SourceChangedError extends Error {}

/** Open source files, read by chunk; each read first checks the file is still the one announced. */
export class SourceFiles {
  private readonly handles = new Map<number, Promise<FileHandle>>();
  private closed = false;

  constructor(private readonly entries: readonly SourceEntry[]) {}

  isWholeFile(chunk: Chunk): boolean {
    return chunk.offset === 0 && chunk.length === this.entries[chunk.file]?.size;
  }

  async read(chunk: Chunk): Promise<Buffer> {
    const entry = this.entries[chunk.file];
    if (!entry) throw new Error(`no file ${chunk.file}`);
    if (this.closed) throw new Error('transfer has ended');
    // A file read in one chunk (small files) is opened, read and closed at once.
    const whole = this.isWholeFile(chunk) && !this.handles.has(chunk.file);
    if (whole) {
      const file = await open(entry.source, 'r');
      try {
        return await this.readFrom(file, entry, chunk);
      } finally {
        await file.close();
      }
    }
    let handle = this.handles.get(chunk.file);
    if (!handle) {
      handle = open(entry.source, 'r');
      this.handles.set(chunk.file, handle);
    }
    return this.readFrom(await handle, entry, chunk);
  }

  private async readFrom(file: FileHandle, entry: SourceEntry, chunk: Chunk): Promise<Buffer> {
    const stats = await file.stat();
    if (stats.size !== entry.size || stats.mtimeMs !== entry.mtimeMs) {
      throw new SourceChangedError('source file changed during transfer (size or modification time differs)');
    }
    const buffer = Buffer.allocUnsafe(chunk.length);
    let filled = 0;
    while (filled < chunk.length) {
      const { bytesRead } = await file.read(buffer, filled, chunk.length - filled, chunk.offset + filled);
      if (bytesRead === 0) throw new SourceChangedError('source file shrank during transfer');
      filled += bytesRead;
    }
    return buffer;
  }

  async release(file: number): Promise<void> {
    const handle = this.handles.get(file);
    this.handles.delete(file);
    if (handle) await handle.then((opened) => opened.close()).catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.handles.keys()].map((file) => this.release(file)));
  }
}
