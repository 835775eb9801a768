import { createHash, type Hash } from 'node:crypto';

const READ_BYTES = 4 * 1024 * 1024;

/**
 * A whole-file SHA-256 fed with chunks as they are read (source) or received (destination), in
 * whatever order they come: bytes at the cursor are hashed at once, later ones wait in memory
 * (up to a cap), earlier ones (resends) are ignored. `finish` reads whatever is still missing
 * from the file itself, so a resumed or out-of-order file still hashes correctly, just slower.
 */
export class OrderedHash {
  private readonly hash: Hash = createHash('sha256');
  private cursor = 0;
  private readonly waiting = new Map<number, Buffer[]>();
  private waitingBytes = 0;
  private digestHex: string | undefined;

  constructor(
    readonly size: number,
    private readonly maxWaitingBytes = 32 * 1024 * 1024,
    /** Copy bytes that must wait, for a caller that reuses its buffers. */
    private readonly copyWaiting = false,
  ) {
    if (size === 0) this.digestHex = this.hash.digest('hex');
  }

  /** The hex digest once every byte went in. */
  get digest(): string | undefined {
    return this.digestHex;
  }

  add(offset: number, pieces: readonly Buffer[]): void {
    if (this.digestHex) return;
    if (offset > this.cursor) {
      const length = byteLength(pieces);
      if (this.waiting.has(offset) || this.waitingBytes + length > this.maxWaitingBytes) return;
      this.waiting.set(offset, this.copyWaiting ? [Buffer.concat(pieces)] : [...pieces]);
      this.waitingBytes += length;
      return;
    }
    this.feed(offset, pieces);
    this.drainWaiting();
  }

  /** Completes the hash, reading the bytes it has not seen with `read(offset, length)`. */
  async finish(read: (offset: number, length: number) => Promise<Buffer>): Promise<string> {
    while (!this.digestHex) {
      this.drainWaiting();
      if (this.digestHex) break;
      let next = this.size;
      for (const offset of this.waiting.keys()) if (offset > this.cursor && offset < next) next = offset;
      const length = Math.min(next - this.cursor, READ_BYTES);
      this.feed(this.cursor, [await read(this.cursor, length)]);
    }
    return this.digestHex as string;
  }

  private drainWaiting(): void {
    for (let pieces = this.waiting.get(this.cursor); pieces; pieces = this.waiting.get(this.cursor)) {
      this.waiting.delete(this.cursor);
      this.waitingBytes -= byteLength(pieces);
      this.feed(this.cursor, pieces);
    }
    for (const [offset, pieces] of this.waiting) {
      if (offset >= this.cursor) continue;
      this.waiting.delete(offset);
      this.waitingBytes -= byteLength(pieces);
    }
  }

  /** Hashes the part of `pieces` (starting at `offset` ≤ cursor) that lies past the cursor. */
  private feed(offset: number, pieces: readonly Buffer[]): void {
    let skip = this.cursor - offset;
    for (const piece of pieces) {
      if (skip >= piece.length) {
        skip -= piece.length;
        continue;
      }
      const take = Math.min(piece.length - skip, this.size - this.cursor);
      if (take <= 0) break;
      this.hash.update(skip === 0 && take === piece.length ? piece : piece.subarray(skip, skip + take));
      this.cursor += take;
      skip = 0;
    }
    if (this.cursor >= this.size) this.digestHex = this.hash.digest('hex');
  }
}

export function byteLength(pieces: readonly Buffer[]): number {
  let total = 0;
  for (const piece of pieces) total += piece.length;
  return total;
}

/** SHA-256 of a buffer that is a whole file. */
export function sha256Of(pieces: readonly Buffer[]): string {
  const hash = createHash('sha256');
  for (const piece of pieces) hash.update(piece);
  return hash.digest('hex');
}
