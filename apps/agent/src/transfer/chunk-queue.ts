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
  private readonly ranges: Array<[file: number, offset: number, length: number]> = [];
  private readonly retries: Chunk[] = [];
  private chunkSize: number;

  constructor(chunkSize: number) {
    this.chunkSize = clampChunkSize(chunkSize);
  }

  get size(): number {
    return this.ranges.length + this.retries.length;
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
    const head = this.ranges[0];
    if (!head) return undefined;
    const [file, offset, length] = head;
    const take = Math.min(length, this.chunkSize);
    if (take === length) this.ranges.shift();
    else this.ranges[0] = [file, offset + take, length - take];
    return { file, offset, length: take };
  }

  dropFile(file: number): void {
    for (let index = this.ranges.length - 1; index >= 0; index -= 1) {
      if (this.ranges[index]?.[0] === file) this.ranges.splice(index, 1);
    }
    for (let index = this.retries.length - 1; index >= 0; index -= 1) {
      if (this.retries[index]?.file === file) this.retries.splice(index, 1);
    }
  }
}
