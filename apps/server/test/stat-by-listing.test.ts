import { describe, expect, it } from 'vitest';
import { compareUtf8, type StatByListingIo, statByListing } from '../src/features/storage/stat-by-listing.ts';

/** A bucket in memory that lists as S3 does (UTF-8 order, one folder, pages of `pageSize`), counting requests. */
function bucket(stored: readonly string[], pageSize = 1000) {
  const keys = [...stored].sort(compareUtf8);
  const calls = { lists: 0, heads: [] as string[] };
  const io: StatByListingIo = {
    async listFolder(folder, startAfter, next) {
      calls.lists += 1;
      const from = next ?? startAfter;
      const inFolder = keys.filter(
        (key) => key.startsWith(folder) && !key.slice(folder.length).includes('/') && compareUtf8(key, from) > 0,
      );
      const page = inFolder.slice(0, pageSize);
      return { keys: page, next: inFolder.length > pageSize ? (page.at(-1) as string) : null };
    },
    async head(key) {
      calls.heads.push(key);
      const exists = keys.includes(key);
      return { key, exists, sizeBytes: exists ? key.length : null, sha256Hex: exists ? 'a'.repeat(64) : null };
    },
  };
  return { io, calls };
}

const names = (folder: string, from: number, count: number) =>
  Array.from({ length: count }, (_, index) => `${folder}file-${String(from + index).padStart(5, '0')}.bin`);

describe('stat by listing', () => {
  it('answers a batch into a new folder with one listing and no request a key', async () => {
    const { io, calls } = bucket(['elsewhere/x.bin']);
    const keys = names('backup/2026/', 0, 64);
    const stats = await statByListing(keys, io);
    expect(stats.every((stat) => !stat.exists)).toBe(true);
    expect(stats.map((stat) => stat.key)).toEqual(keys);
    expect(calls).toEqual({ lists: 1, heads: [] });
  });

  it('asks only for the keys the listing found, for their SHA-256', async () => {
    const keys = names('', 0, 10);
    const { io, calls } = bucket([keys[2] as string, keys[7] as string, 'file-00003.bin.old']);
    const stats = await statByListing(keys, io);
    expect(stats.filter((stat) => stat.exists).map((stat) => stat.key)).toEqual([keys[2], keys[7]]);
    expect(stats.find((stat) => stat.key === keys[2])?.sha256Hex).toBe('a'.repeat(64));
    expect(calls.heads).toEqual([keys[2], keys[7]]);
  });

  it('asks one by one for keys past what two pages of a crowded folder reached', async () => {
    const crowd = names('big/', 0, 5000);
    // Ours are every 100th key, every other one stored: 2 pages of 1,000 stored keys reach
    // crowd[2010], so the first 21 of ours (up to crowd[2000]).
    const keys = names('big/', 0, 50).map((_, index) => crowd[index * 100] as string);
    const { io, calls } = bucket(crowd.filter((_, index) => index % 200 !== 0));
    const stats = await statByListing(keys, io);
    expect(calls.lists).toBe(2);
    const asked = new Set(calls.heads);
    for (const [index, stat] of stats.entries()) {
      expect(stat.exists, stat.key).toBe(index % 2 === 1);
      // Reached by the listing: asked only when found. Past it: always asked.
      expect(asked.has(stat.key), stat.key).toBe(index > 20 || stat.exists);
    }
  });

  it('orders keys by UTF-8 bytes, as stores do, not by UTF-16 units', async () => {
    // In UTF-16 "\u{1F600}" (a surrogate pair) sorts before "\uFFFD"; in UTF-8 after it.
    const keys = ['m/a', 'm/\uFFFD', 'm/\u{1F600}', 'm/z'];
    expect(compareUtf8('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
    const { io, calls } = bucket(['m/\u{1F600}'], 1);
    const stats = await statByListing(keys, io);
    expect(stats.map((stat) => stat.exists)).toEqual([false, false, true, false]);
    expect(calls.heads).toEqual(['m/\u{1F600}']);
  });

  it('asks for a folder of a few keys one by one: a listing would not save a request', async () => {
    const { io, calls } = bucket(['a/1']);
    const stats = await statByListing(['a/1', 'a/2', 'b/1'], io);
    expect(stats.map((stat) => stat.exists)).toEqual([true, false, false]);
    expect(calls).toEqual({ lists: 0, heads: ['a/1', 'a/2', 'b/1'] });
  });
});
