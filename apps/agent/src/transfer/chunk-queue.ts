import { MAX_CHUNK_BYTES } from '@tcpa/contracts/data-channel';

export interface Chunk {
  file: number;
  offset: number;
  length: number;
}

export const MIN_CHUNK_BYTES = 64 * 1024;

export function clampChunkSize(bytes: number): number {
  return Math.max(MIN_CHUNK_BYTES, Math.min(MAX_CHUNK_BYTES, Math.floor(bytes)));
}

/**
 * The one queue every stream of a transfer pulls from. It holds byte ranges still to send and
 * cuts them into chunks only when a stream asks, so a new chunk size applies at once.
 */
export class ChunkQueue {
  private ranges: Array<[file: number, offset: number, length: number]> = [];
  /** Index of the first range still queued: taking from the front stays O(1) with 100,000 files. */
  private head = 0;
  private readonly retries: Chunk[] = [];
  private chunkSize: number;

  constructor(chunkSize: number) {
    this.chunkSize = clampChunkSize(chunkSize);
  }

  get size(): number {
    return this.ranges.length - this.head + this.retries.length;
  }

  setChunkSize(bytes: number): void {
    this.chunkSize = clampChunkSize(bytes);
  }

  getChunkSize(): number {
    return this.chunkSize;
  }

  add(file: number, offset: number, length: number): void {
    if (length > 0) this.ranges.push([file, offset, length]);
  }

  /** A chunk that must go again (a stream died or the receiver asked); it goes first. */
  requeue(chunk: Chunk): void {
    this.retries.push(chunk);
  }

  next(): Chunk | undefined {
    const retry = this.retries.shift();
    if (retry) return retry;
    const first = this.ranges[this.head];
    if (!first) return undefined;
    const [file, offset, length] = first;
    const take = Math.min(length, this.chunkSize);
    if (take < length) this.ranges[this.head] = [file, offset + take, length - take];
    else if (++this.head > 1024 && this.head * 2 > this.ranges.length) {
      this.ranges = this.ranges.slice(this.head);
      this.head = 0;
    }
    return { file, offset, length: take };
  }

  dropFile(file: number): void {
    this.ranges = this.ranges.slice(this.head).filter((range) => range[0] !== file);
    this.head = 0;
    for (let index = this.retries.length - 1; index >= 0; index -= 1) {
      if (this.retries[index]?.file === file) this.retries.splice(index, 1);
    }
  }
}
