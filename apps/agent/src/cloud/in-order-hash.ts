import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

const READ_BYTES = 1024 * 1024;

/**
 * The SHA-256 of a file written in ranges that finish in any order: once every range before it is
 * written, a range is read back (from the page cache) and hashed while later ranges still arrive,
 * so no pass over the whole file is left for the end.
 */
export class InOrderHash {
  private readonly hash = createHash('sha256');
  private readonly ready = new Set<number>();
  private next = 0;
  private hashing: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly handle: FileHandle,
    private readonly rangeSize: number,
    private readonly sizeBytes: number,
  ) {}

  /** Range `index` is in the file (written now, or by an earlier attempt). */
  written(index: number): void {
    this.ready.add(index);
    this.hashing = this.hashing
      .then(() => this.advance())
      .catch((error: unknown) => {
        this.failure ??= { error };
      });
  }

  /** Resolves once nothing is being read (before the handle is closed). */
  idle(): Promise<void> {
    return this.hashing;
  }

  /** The file's SHA-256 (hex), once every range was written and hashed. */
  async digestHex(): Promise<string> {
    await this.hashing;
    if (this.failure) throw this.failure.error;
    if (this.next * this.rangeSize < this.sizeBytes) throw new Error('a range of the file was not written');
    return this.hash.digest('hex');
  }

  private async advance() {
    if (this.failure) return;
    const buffer = Buffer.allocUnsafe(Math.min(READ_BYTES, Math.max(1, this.rangeSize)));
    while (this.ready.delete(this.next)) {
      const end = Math.min(this.sizeBytes, (this.next + 1) * this.rangeSize);
      for (let offset = this.next * this.rangeSize; offset < end; ) {
        const { bytesRead } = await this.handle.read(buffer, 0, Math.min(buffer.length, end - offset), offset);
        if (bytesRead === 0) throw new Error('the temporary file is shorter than what was written to it');
        this.hash.update(buffer.subarray(0, bytesRead));
        offset += bytesRead;
      }
      this.next++;
    }
  }
}
