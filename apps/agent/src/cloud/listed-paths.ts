import { createHash } from 'node:crypto';

const FIRST_CAPACITY = 1024;

/**
 * What a mirror out of a store keeps of its listing: each key and each folder above it, as the
 * first 8 bytes of its SHA-256 (8-16 MB for a million keys, where a Set of the strings took
 * ten times that and more). Two paths sharing a hash (about 1 in 10^19 a pair) can only
 * make the mirror keep a local file the store lacks, never delete one it holds.
 */
export class ListedPaths {
  private hashes = new BigUint64Array(FIRST_CAPACITY);
  private count = 0;
  private sorted = true;
  /** The folders of the key added last: keys arrive in order, so a folder's keys come together. */
  private lastFolders: string[] = [];

  addKey(key: string): void {
    const parts = key.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      if (this.lastFolders[depth - 1] === folder) continue;
      this.lastFolders.length = depth - 1;
      this.lastFolders.push(folder);
      this.push(hashOf(folder));
    }
    this.lastFolders.length = Math.min(this.lastFolders.length, parts.length - 1);
    this.push(hashOf(key));
  }

  has(path: string): boolean {
    if (!this.sorted) {
      this.hashes = this.hashes.slice(0, this.count).sort();
      this.sorted = true;
    }
    const wanted = hashOf(path);
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = this.hashes[middle] as bigint;
      if (value === wanted) return true;
      if (value < wanted) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  private push(hash: bigint) {
    if (this.count === this.hashes.length) {
      const grown = new BigUint64Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[this.count++] = hash;
    this.sorted = false;
  }
}

function hashOf(path: string): bigint {
  return createHash('sha256').update(path).digest().readBigUInt64BE(0);
}
