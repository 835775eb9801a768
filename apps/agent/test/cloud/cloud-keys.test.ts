import { describe, expect, it } from 'vitest';
import { keyPassesFilters, numberedName } from '../../src/cloud/cloud-keys.ts';
import { partSizeFor } from '../../src/cloud/cloud-upload.ts';
import { createTransferFilter } from '../../src/transfer/transfer-filter.ts';

const MIB = 1024 * 1024;

describe('cloud keys and part sizes', () => {
  it('names a second copy as keep_both does', () => {
    expect(numberedName('photos/a.jpg', 1)).toBe('photos/a (1).jpg');
    expect(numberedName('photos/archive.tar.gz', 2)).toBe('photos/archive.tar (2).gz');
    expect(numberedName('.hidden', 1)).toBe('.hidden (1)');
    expect(numberedName('README', 3)).toBe('README (3)');
  });

  it('raises the part size (in whole MiB) only for a file that would need more than 10,000 parts', () => {
    expect(partSizeFor(100 * MIB, 8 * MIB)).toBe(8 * MIB);
    expect(partSizeFor(8 * MIB * 10_000, 8 * MIB)).toBe(8 * MIB);
    const huge = 8 * MIB * 10_000 + 1;
    const raised = partSizeFor(huge, 8 * MIB);
    expect(raised).toBe(9 * MIB);
    expect(Math.ceil(huge / raised)).toBeLessThanOrEqual(10_000);
  });

  it('judges keys with the filters as a walk would: folders on the way, then the file', () => {
    const filter = createTransferFilter({ include: [], exclude: ['*.tmp', 'cache/'], skipHidden: true });
    expect(keyPassesFilters(filter, 'docs/a.txt', 1)).toBe(true);
    expect(keyPassesFilters(filter, 'docs/a.tmp', 1)).toBe(false);
    expect(keyPassesFilters(filter, 'docs/cache/a.txt', 1)).toBe(false);
    expect(keyPassesFilters(filter, 'docs/.git/config', 1)).toBe(false);
    expect(keyPassesFilters(filter, '.profile', 1)).toBe(true); // a file sent by its own name is never hidden
    expect(keyPassesFilters(filter, 'a.tmp', 1)).toBe(false);
    expect(keyPassesFilters(filter, '.profile', 1, false)).toBe(false); // a download sees the whole key
  });
});
