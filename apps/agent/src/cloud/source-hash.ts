import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { FileIdentity } from './cloud-journal.ts';

/** A source file changed while it was read or sent: it fails alone, with this reason. */
export class SourceChangedError extends Error {
  constructor() {
    super('the file changed while it was being uploaded (its size or modification time moved); it was not stored');
  }
}

export interface HashedSource {
  identity: FileIdentity;
  /** base64 SHA-256 of each part (one read pass gives these and the whole file's hash). */
  partHashes: string[];
  /** A small file's bytes as hashed, kept to be sent as they are (no second read). */
  bytes?: Buffer;
}

/** Files up to this size are read whole (a read stream allocates a 1 MiB buffer a read, whatever the file). */
const READ_WHOLE_BYTES = 1024 * 1024;
/** ...and kept until sent up to this size: 64 a batch, two batches at once, 32 MiB at most. */
const KEEP_BYTES = 256 * 1024;

/**
 * Reads a file once, hashing the whole of it (hex) and each `partSizeBytes` part (base64): an S3
 * part URL is signed with its part's SHA-256, and the whole-file hash goes into the object's
 * metadata when the upload begins. `partSizeBytes` 0: no part hashes.
 */
export async function hashSource(path: string, partSizeBytes: number, signal: AbortSignal): Promise<HashedSource> {
  const before = await stat(path);
  if (before.size <= READ_WHOLE_BYTES && (partSizeBytes === 0 || before.size <= partSizeBytes)) {
    return hashWhole(path, before, partSizeBytes > 0, signal);
  }
  const whole = createHash('sha256');
  const partHashes: string[] = [];
  let part = createHash('sha256');
  let inPart = 0;
  for await (const piece of createReadStream(path, { highWaterMark: 1024 * 1024, signal })) {
    let chunk = piece as Buffer;
    whole.update(chunk);
    if (partSizeBytes === 0) continue;
    while (chunk.length > 0) {
      const take = Math.min(chunk.length, partSizeBytes - inPart);
      part.update(chunk.subarray(0, take));
      inPart += take;
      chunk = chunk.subarray(take);
      if (inPart === partSizeBytes) {
        partHashes.push(part.digest('base64'));
        part = createHash('sha256');
        inPart = 0;
      }
    }
  }
  if (inPart > 0) partHashes.push(part.digest('base64'));
  const identity = await identityOf(path);
  if (identity.sizeBytes !== before.size || identity.mtimeMs !== before.mtimeMs) throw new SourceChangedError();
  return { identity: { ...identity, sha256Hex: whole.digest('hex') }, partHashes };
}

/** One part at most: its hash is the whole file's. */
async function hashWhole(path: string, before: Stats, withPart: boolean, signal: AbortSignal): Promise<HashedSource> {
  const bytes = await readFile(path, { signal });
  const identity = await identityOf(path);
  if (bytes.length !== before.size || identity.sizeBytes !== before.size || identity.mtimeMs !== before.mtimeMs) {
    throw new SourceChangedError();
  }
  const sha256 = createHash('sha256').update(bytes);
  return {
    identity: { ...identity, sha256Hex: sha256.copy().digest('hex') },
    partHashes: withPart && bytes.length > 0 ? [sha256.digest('base64')] : [],
    ...(bytes.length <= KEEP_BYTES && { bytes }),
  };
}

export async function identityOf(path: string): Promise<Omit<FileIdentity, 'sha256Hex'>> {
  const stats = await stat(path);
  return { sizeBytes: stats.size, mtimeMs: stats.mtimeMs, inode: stats.ino };
}

/** Throws SourceChangedError unless the file is still the one hashed. */
export async function checkUnchanged(path: string, identity: FileIdentity): Promise<void> {
  const now = await identityOf(path).catch(() => undefined);
  if (
    !now ||
    now.sizeBytes !== identity.sizeBytes ||
    now.mtimeMs !== identity.mtimeMs ||
    now.inode !== identity.inode
  ) {
    throw new SourceChangedError();
  }
}
