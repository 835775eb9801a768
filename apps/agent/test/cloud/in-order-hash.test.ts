import { createHash, randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InOrderHash } from '../../src/cloud/in-order-hash.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();

describe('the SHA-256 of a file written in ranges in any order', () => {
  async function hashWrittenInOrder(bytes: Buffer, rangeSize: number, order: number[], skip: number[] = []) {
    const handle = await open(join(tempDir(), 'part'), 'w+');
    try {
      await handle.truncate(bytes.length);
      const hash = new InOrderHash(handle, rangeSize, bytes.length);
      for (const index of order) {
        if (skip.includes(index)) continue;
        await handle.write(
          bytes,
          index * rangeSize,
          Math.min(rangeSize, bytes.length - index * rangeSize),
          index * rangeSize,
        );
        hash.written(index);
      }
      return await hash.digestHex();
    } finally {
      await handle.close();
    }
  }

  it('equals the whole file hashed at once, whatever order the ranges arrive in', async () => {
    const bytes = randomBytes(5 * 300_000 + 123);
    const expected = createHash('sha256').update(bytes).digest('hex');
    expect(await hashWrittenInOrder(bytes, 300_000, [3, 0, 5, 1, 4, 2])).toBe(expected);
    expect(await hashWrittenInOrder(Buffer.alloc(0), 300_000, [])).toBe(createHash('sha256').digest('hex'));
  });

  it('refuses to give a hash while a range was never written', async () => {
    await expect(hashWrittenInOrder(randomBytes(1000), 300, [0, 1, 3], [2])).rejects.toThrow(
      'a range of the file was not written',
    );
  });
});
