import { describe, expect, it } from 'vitest';
import { ListedPaths } from '../../src/cloud/listed-paths.ts';

describe('the paths a mirror keeps of a listing', () => {
  it('holds each key and every folder above it, and nothing else', () => {
    const listed = new ListedPaths();
    for (const key of [
      'a.txt',
      'docs/2026/q1.csv',
      'docs/2026/q2.csv',
      'docs/notes.md',
      'docs/x/y/z.bin',
      'zz/ünï 🌍.txt',
    ]) {
      listed.addKey(key);
    }
    for (const path of ['a.txt', 'docs', 'docs/2026', 'docs/2026/q1.csv', 'docs/2026/q2.csv', 'docs/notes.md']) {
      expect(listed.has(path), path).toBe(true);
    }
    for (const path of ['docs/x', 'docs/x/y', 'docs/x/y/z.bin', 'zz', 'zz/ünï 🌍.txt']) {
      expect(listed.has(path), path).toBe(true);
    }
    for (const path of ['b.txt', 'doc', 'docs/2026/q3.csv', 'docs/2027', 'docs/x/y/z', 'A.txt', 'zz/ünï.txt', '']) {
      expect(listed.has(path), path).toBe(false);
    }
  });

  it('keeps a folder that returns after keys elsewhere, and grows past its first capacity', () => {
    const listed = new ListedPaths();
    listed.addKey('a/b/1');
    listed.addKey('a/c/1');
    listed.addKey('a/b/2'); // out of order: the folder is added again, which changes nothing
    for (let index = 0; index < 5000; index++) listed.addKey(`big/${index}.dat`);
    expect(listed.has('a/b')).toBe(true);
    expect(listed.has('a/c')).toBe(true);
    expect(listed.has('big/4999.dat')).toBe(true);
    expect(listed.has('big/5000.dat')).toBe(false);
    listed.addKey('late/one'); // added after a lookup: found too
    expect(listed.has('late')).toBe(true);
    expect(listed.has('late/one')).toBe(true);
  });
});
