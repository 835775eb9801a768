/**
 * Reuses chunk buffers: a fresh multi-megabyte buffer is new memory the kernel must fault in
 * page by page and the garbage collector must later reclaim, which costs more than the copy.
 */
export class BufferPool {
  private readonly free = new Map<number, Buffer[]>();
  private freeBytes = 0;

  constructor(
    private readonly maxFreeBytes = 64 * 1024 * 1024,
    private readonly minPooledBytes = 64 * 1024,
  ) {}

  take(size: number): Buffer {
    if (size < this.minPooledBytes) return Buffer.allocUnsafe(size);
    const buffer = this.free.get(size)?.pop();
    if (!buffer) return Buffer.allocUnsafeSlow(size);
    this.freeBytes -= size;
    return buffer;
  }

  /** Gives a buffer back once nothing refers to it any more. */
  give(buffer: Buffer): void {
    const size = buffer.length;
    if (size < this.minPooledBytes || buffer.byteOffset !== 0 || buffer.buffer.byteLength !== size) return;
    if (this.freeBytes + size > this.maxFreeBytes) return;
    const list = this.free.get(size) ?? [];
    list.push(buffer);
    this.free.set(size, list);
    this.freeBytes += size;
  }
}
