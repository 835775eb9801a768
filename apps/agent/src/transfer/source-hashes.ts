import type { SourceEntry } from './collect-sources.ts';
import { sha256File } from './file-hash.ts';
import { OrderedHash } from './ordered-hash.ts';
import type { PlanEntry } from './send-control.ts';
import { TransferError } from './transfer-error.ts';

const HASH_WORKERS = 4;
type SendHash = (file: number, sha256: string) => Promise<void>;

/**
 * Whole-file SHA-256 of the files sent. Taken from the bytes as they are read for sending, so
 * nothing is read twice; files the destination partly holds, or holds a same-size copy of, are
 * hashed before sending (`hashPlanned`).
 */
export class SourceHashes {
  private readonly hashes = new Map<number, string>();
  private readonly hashing = new Map<number, OrderedHash>();
  private readonly waiting: Array<{
    item: PlanEntry;
    send: SendHash;
    whenHashed(item: PlanEntry): void;
    onError(error: unknown): void;
  }> = [];
  private workers = 0;

  constructor(private readonly entries: readonly SourceEntry[]) {}

  get(file: number): string | undefined {
    return this.hashes.get(file);
  }

  /** A file read whole in one chunk: its hash travels on the chunk. */
  set(file: number, sha256: string): void {
    this.hashes.set(file, sha256);
  }

  /** Feeds a file's hash with bytes just read; returns the hash once the file's last bytes are in. */
  addSlice(file: number, offset: number, slice: Buffer): string | undefined {
    if (this.hashes.has(file)) return undefined;
    const entry = this.entries[file];
    if (!entry) return undefined;
    let hash = this.hashing.get(file);
    if (!hash) {
      // Reads of a file run in order; only a resend after a lost stream comes out of order.
      hash = new OrderedHash(entry.size, Number.MAX_SAFE_INTEGER, true);
      this.hashing.set(file, hash);
    }
    hash.add(offset, [slice]);
    if (!hash.digest) return undefined;
    this.hashing.delete(file);
    this.hashes.set(file, hash.digest);
    return hash.digest;
  }

  /** A file has its outcome: bytes still coming for it are not hashed. */
  forget(file: number): void {
    this.hashing.delete(file);
  }

  /**
   * Files the destination partly holds (resume) or holds a same-size copy of (skip_identical) are
   * hashed before sending: their hash cannot be taken from the chunks alone. A copy with the same
   * hash is marked as held whole, so none of it is sent.
   */
  async hashPlanned(plan: PlanEntry[], send: SendHash): Promise<void> {
    const needed = plan.filter(({ have, sha256 }) => have.length > 0 || sha256);
    let next = 0;
    const worker = async () => {
      for (let item = needed[next++]; item; item = needed[next++]) await this.hashOne(item, send);
    };
    await Promise.all(Array.from({ length: HASH_WORKERS }, worker));
  }

  /** As `hashPlanned`, for plan entries as they arrive: `whenHashed` gets each once hashed (or found unreadable). */
  hashInBackground(
    item: PlanEntry,
    how: { send: SendHash; whenHashed(item: PlanEntry): void; onError(error: unknown): void },
  ): void {
    this.waiting.push({ item, ...how });
    if (this.workers >= HASH_WORKERS) return;
    this.workers += 1;
    void this.work().finally(() => {
      this.workers -= 1;
    });
  }

  private async work(): Promise<void> {
    for (let next = this.waiting.shift(); next; next = this.waiting.shift()) {
      try {
        await this.hashOne(next.item, next.send);
        next.whenHashed(next.item);
      } catch (error) {
        next.onError(error);
      }
    }
  }

  private async hashOne(item: PlanEntry, send: SendHash): Promise<void> {
    const entry = this.entries[item.file];
    if (entry?.kind !== 'file') throw new TransferError('bad_plan', `plan names unknown file ${item.file}`);
    const sha256 = await sha256File(entry.source).catch(() => undefined);
    if (!sha256) return; // unreadable: reading it for sending reports why
    this.hashes.set(item.file, sha256);
    if (sha256 === item.sha256) item.have = [[0, entry.size]];
    await send(item.file, sha256);
  }
}
