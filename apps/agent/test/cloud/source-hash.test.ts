import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashSource } from '../../src/cloud/source-hash.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const MIB = 1024 * 1024;
const signal = new AbortController().signal;
const sha = (bytes: Buffer, encoding: 'hex' | 'base64') => createHash('sha256').update(bytes).digest(encoding);

describe('hashing a source file', () => {
  it('gives the same hashes whether the file is read whole (up to 1 MiB) or streamed', async () => {
    const dir = tempDir();
    for (const size of [0, 1, 256 * 1024, MIB, MIB + 1, 3 * MIB + 5]) {
      const bytes = randomBytes(size);
      const path = join(dir, `f${size}`);
      writeFileSync(path, bytes);
      const whole = await hashSource(path, 0, signal);
      expect(whole.identity).toMatchObject({ sizeBytes: size, sha256Hex: sha(bytes, 'hex') });
      expect(whole.partHashes).toEqual([]);
      const parted = await hashSource(path, 2 * MIB, signal);
      expect(parted.identity.sha256Hex).toBe(sha(bytes, 'hex'));
      const parts = [];
      for (let offset = 0; offset < size; offset += 2 * MIB)
        parts.push(sha(bytes.subarray(offset, offset + 2 * MIB), 'base64'));
      expect(parted.partHashes, `${size} bytes`).toEqual(parts);
    }
  });

  it('keeps the bytes of a file up to 256 KiB, to send them without reading again', async () => {
    const dir = tempDir();
    const small = randomBytes(256 * 1024);
    writeFileSync(join(dir, 'small'), small);
    writeFileSync(join(dir, 'larger'), randomBytes(256 * 1024 + 1));
    expect((await hashSource(join(dir, 'small'), 0, signal)).bytes?.equals(small)).toBe(true);
    expect((await hashSource(join(dir, 'larger'), 0, signal)).bytes).toBeUndefined();
  });
});
