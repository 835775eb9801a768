import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type TransferFilters, TransferFiltersSchema } from '@tcpa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectSources } from '../../src/transfer/collect-sources.ts';
import { sendTransfer } from '../../src/transfer/send-transfer.ts';
import { createTransferFilter, type FilterEntry } from '../../src/transfer/transfer-filter.ts';
import { createTransferFixture, type TransferFixture } from './support/transfer-fixture.ts';

const file = (path: string, size = 10): FilterEntry => ({ path, kind: 'file', size });
const dir = (path: string): FilterEntry => ({ path, kind: 'dir', size: 0 });

describe('transfer filter semantics (gitignore-like)', () => {
  it('matches a pattern without a slash as a name at any depth, one with a slash from the root', () => {
    const filter = createTransferFilter({ exclude: ['*.log', 'build/out', '/top.txt'] });
    expect(filter.decide(file('a.log'), false)).toBe('out');
    expect(filter.decide(file('deep/er/a.log'), false)).toBe('out');
    expect(filter.decide(file('a.log.txt'), false)).toBe('in');
    expect(filter.decide(dir('build/out'), false)).toBe('out');
    expect(filter.decide(dir('src/build/out'), false)).toBe('in');
    expect(filter.decide(file('top.txt'), false)).toBe('out');
    expect(filter.decide(file('sub/top.txt'), false)).toBe('in');
  });

  it('matches a pattern with a trailing slash against folders only', () => {
    const filter = createTransferFilter({ exclude: ['cache/'] });
    expect(filter.decide(dir('cache'), false)).toBe('out');
    expect(filter.decide(dir('a/b/cache'), false)).toBe('out');
    expect(filter.decide(file('cache'), false)).toBe('in');
  });

  it('takes everything without include; with include, what matches or lies in a folder that does', () => {
    expect(createTransferFilter(null).decide(file('any/thing'), false)).toBe('in');
    const filter = createTransferFilter({ include: ['*.jpg', 'docs/', 'src/**/*.ts'] });
    expect(filter.decide(file('a/b/photo.jpg'), false)).toBe('in');
    expect(filter.decide(file('a/b/photo.png'), false)).toBe('out');
    expect(filter.decide(dir('a'), false)).toBe('walk');
    expect(filter.decide(dir('a/docs'), false)).toBe('in');
    expect(filter.decide(file('a/docs/readme.md'), true)).toBe('in');
    expect(filter.decide(file('src/x/y.ts'), false)).toBe('in');
    expect(filter.decide(file('lib/src/y.ts'), false)).toBe('out');
  });

  it('lets exclude win over include, also for a folder include takes', () => {
    const filter = createTransferFilter({ include: ['*.txt', 'docs/'], exclude: ['secret*', 'docs/'] });
    expect(filter.decide(file('secret.txt'), false)).toBe('out');
    expect(filter.decide(file('public.txt'), false)).toBe('in');
    expect(filter.decide(dir('docs'), false)).toBe('out');
  });

  it('bounds file sizes inclusively and leaves folders and symlinks alone', () => {
    const filter = createTransferFilter({ minSizeBytes: 10, maxSizeBytes: 20 });
    expect([9, 10, 20, 21].map((size) => filter.decide(file('f', size), false))).toEqual(['out', 'in', 'in', 'out']);
    expect(filter.decide(dir('d'), false)).toBe('in');
    expect(filter.decide({ path: 'link', kind: 'symlink', size: 0 }, false)).toBe('in');
  });

  it('skips hidden names at any depth, but not a source path named explicitly', () => {
    const filter = createTransferFilter({ skipHidden: true });
    expect(filter.decide(file('.env'), false)).toBe('out');
    expect(filter.decide(dir('a/.git'), false)).toBe('out');
    expect(filter.decide(file('a/b.c'), false)).toBe('in');
    expect(filter.decide(file('.env'), false, true)).toBe('in');
  });

  it('matches odd names literally where the glob says so', () => {
    const filter = createTransferFilter({ include: ['report\\[1\\].txt', 'café *'] });
    expect(filter.decide(file('x/report[1].txt'), false)).toBe('in');
    expect(filter.decide(file('x/report1.txt'), false)).toBe('out');
    expect(filter.decide(file('café au lait'), false)).toBe('in');
  });

  it('refuses unclosed brackets, negation, crossed sizes and too many patterns at the edge', () => {
    const refusal = (filters: unknown) => TransferFiltersSchema.safeParse(filters).error?.issues[0]?.message;
    expect(refusal({ include: ['[abc'] })).toMatch(/not a valid glob/);
    expect(refusal({ exclude: ['{a,b'] })).toMatch(/not a valid glob/);
    expect(refusal({ exclude: ['!keep'] })).toMatch(/must not start with "!"/);
    expect(refusal({ exclude: ['/'] })).toMatch(/must name something/);
    expect(refusal({ minSizeBytes: 2, maxSizeBytes: 1 })).toMatch(/minSizeBytes must not be more/);
    expect(refusal({ include: Array.from({ length: 101 }, (_, index) => `f${index}`) })).toBeDefined();
    expect(refusal({ include: ['a/**/b', '*.{jpg,png}', '[a-z]?.txt'], skipHidden: true })).toBeUndefined();
  });
});

describe('collectSources with filters', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'tcpa-filters-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const tree = (files: Record<string, string>) => {
    for (const [path, data] of Object.entries(files)) {
      mkdirSync(dirname(join(base, path)), { recursive: true });
      writeFileSync(join(base, path), data);
    }
  };
  const collect = async (filters: TransferFilters) => {
    const { entries, skipped } = await collectSources([base], [join(base, 'send')], { filters });
    return { paths: entries.map((entry) => `${entry.kind} ${entry.path}`), skipped };
  };

  it('does not enter a folder it leaves out: nothing in it is listed, even as skipped', async () => {
    tree({ 'send/keep.txt': 'k', 'send/cache/data.bin': 'd', 'send/.git/config': 'c' });
    execFileSync('mkfifo', [join(base, 'send/cache/pipe')]);
    execFileSync('mkfifo', [join(base, 'send/.git/pipe')]);
    const { paths, skipped } = await collect({ exclude: ['cache/'], skipHidden: true });
    expect(paths).toEqual(['dir send', 'file send/keep.txt']);
    expect(skipped).toEqual([]);
  });

  it('sends a folder only when something below it is taken, before what it holds, with indexes in order', async () => {
    tree({ 'send/a/b/photo.jpg': 'p', 'send/a/c/notes.md': 'n', 'send/z.jpg': 'z' });
    const { entries } = await collectSources([base], [join(base, 'send')], { filters: { include: ['*.jpg'] } });
    expect(entries.map((entry) => `${entry.index} ${entry.kind} ${entry.path}`)).toEqual([
      '0 dir send',
      '1 dir send/a',
      '2 dir send/a/b',
      '3 file send/a/b/photo.jpg',
      '4 file send/z.jpg',
    ]);
  });
});

describe('sendTransfer with filters that take nothing', () => {
  let fixture: TransferFixture;
  beforeEach(async () => {
    fixture = await createTransferFixture();
  });
  afterEach(async () => {
    await fixture.cleanup();
  });

  it('succeeds with nothing sent and nothing landed', async () => {
    mkdirSync(join(fixture.sourceRoot, 'send', 'sub'), { recursive: true });
    writeFileSync(join(fixture.sourceRoot, 'send', 'sub', 'notes.md'), 'not taken');
    const paths = [join(fixture.sourceRoot, 'send')];
    const transfer = sendTransfer({
      roots: [fixture.sourceRoot],
      paths,
      destination: { host: '127.0.0.1', port: fixture.port, fingerprint: fixture.fingerprint },
      token: await fixture.token({ paths }),
      filters: { include: ['*.jpg'] },
    });
    const result = await transfer.result;
    expect(result).toMatchObject({ ok: true, files: [], skippedSources: [], bytesTotal: 0 });
    expect(readdirSync(fixture.destinationRoot)).toEqual([]);
  });
});
