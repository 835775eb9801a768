import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIST_FILES_MAX_LIMIT, MAX_FRAME_BYTES } from '@tcpa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDirectory } from '../../src/files/list-directory.ts';

describe('a listing page stays within one control-channel message', () => {
  let root: string;
  // 1,000 names of 250 bytes: their page as JSON would be about 300 KiB.
  const names = Array.from(
    { length: LIST_FILES_MAX_LIMIT },
    (_, index) => `${String(index).padStart(4, '0')}${'n'.repeat(246)}`,
  );

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tcpa-listing-'));
    await Promise.all(names.map((name) => writeFile(join(root, name), '')));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('ends a page early when its entries grow large, and the next pages hold the rest', async () => {
    const scope = { roots: [root], offLimits: [] };
    const first = await listDirectory(scope, { path: '', cursor: null, limit: LIST_FILES_MAX_LIMIT });

    expect(first.entries.length).toBeGreaterThan(100);
    expect(first.entries.length).toBeLessThan(LIST_FILES_MAX_LIMIT);
    expect(first.nextCursor).toBe(first.entries.at(-1)?.name);
    const message = { type: 'command_result', commandId: { name: 'agent.list_files' }, ok: true, result: first };
    expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThan(MAX_FRAME_BYTES);

    const seen = first.entries.map((entry) => entry.name);
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await listDirectory(scope, { path: '', cursor, limit: LIST_FILES_MAX_LIMIT });
      seen.push(...page.entries.map((entry) => entry.name));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(names);
  });
});
