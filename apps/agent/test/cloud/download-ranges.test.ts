import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CloudJournal, cloudJournalDir } from '../../src/cloud/cloud-journal.ts';
import { downloadRangeSize } from '../../src/cloud/download-object.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const MIB = 1024 * 1024;

describe('download ranges', () => {
  it('are the part size for a small object and grow with a large one, up to 64 MiB', () => {
    expect(downloadRangeSize(0, 16 * MIB)).toBe(16 * MIB);
    expect(downloadRangeSize(100 * MIB, 16 * MIB)).toBe(16 * MIB);
    expect(downloadRangeSize(512 * MIB, 16 * MIB)).toBe(32 * MIB);
    expect(downloadRangeSize(1024 * MIB, 16 * MIB)).toBe(64 * MIB);
    expect(downloadRangeSize(100 * 1024 * MIB, 16 * MIB)).toBe(64 * MIB);
    expect(downloadRangeSize(513 * MIB, 16 * MIB) % MIB).toBe(0);
  });

  it('of an earlier attempt count only when they were of the same size', async () => {
    const stateDir = tempDir();
    const journal = new CloudJournal(stateDir, 't1');
    const range = { record: 'range' as const, key: 'a.bin', sizeBytes: 1024 * MIB, lastModifiedMs: 5 };
    await journal.append([
      { ...range, rangeSizeBytes: 64 * MIB, rangeIndex: 0 },
      { ...range, rangeSizeBytes: 64 * MIB, rangeIndex: 3 },
    ]);
    const reopened = new CloudJournal(stateDir, 't1');
    expect([...reopened.rangesOf('a.bin', 1024 * MIB, 5, 64 * MIB)]).toEqual([0, 3]);
    expect([...reopened.rangesOf('a.bin', 1024 * MIB, 5, 16 * MIB)]).toEqual([]);
    expect([...reopened.rangesOf('a.bin', 1024 * MIB, 6, 64 * MIB)]).toEqual([]);

    // A journal from an agent before ranges grew: its ranges (of the part size then) are not reused.
    mkdirSync(cloudJournalDir(stateDir), { recursive: true });
    appendFileSync(join(cloudJournalDir(stateDir), 't2.jsonl'), `${JSON.stringify({ ...range, rangeIndex: 1 })}\n`);
    expect([...new CloudJournal(stateDir, 't2').rangesOf('a.bin', 1024 * MIB, 5, 64 * MIB)]).toEqual([]);
  });
});
