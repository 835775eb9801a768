import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAgentPlatform } from './agent-platform.ts';

const ODD_NAME = 'odd [1] {a,b} *?! café\there.txt';

/** Every entry under `root`, relative, folders with a trailing "/". */
function listTree(root: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = `${prefix}${entry.name}`;
    return entry.isDirectory() ? [`${path}/`, ...listTree(root, `${path}/`)] : [path];
  });
}

describe('transfer filters, through the API with real agent processes', () => {
  const platform = useAgentPlatform('filters');
  const { api } = platform;

  it('refuses a bad glob, a negated pattern and crossed size bounds with a 400 naming the field', async () => {
    // Refused before the agents are looked at.
    const body = {
      sourceAgentId: randomUUID(),
      sourcePaths: ['outgoing'],
      destinationAgentId: randomUUID(),
      destinationDir: 'incoming',
    };
    const refusals = [
      [{ exclude: ['logs/[0-9'] }, /filters\.exclude\.0.*not a valid glob: a "\[", "\{" or "\(" is not closed/],
      [{ include: ['!*.txt'] }, /filters\.include\.0.*must not start with "!"/],
      [{ minSizeBytes: 10, maxSizeBytes: 5 }, /minSizeBytes must not be more than maxSizeBytes/],
      [{ include: ['*.txt'], unknown: true }, /unknown field "unknown"/],
    ] as const;
    for (const [filters, message] of refusals) {
      const refused = await api('POST', '/transfers', { ...body, filters });
      expect(refused.status, JSON.stringify(filters)).toBe(400);
      expect(refused.body.error.message).toMatch(message);
    }
  });

  it('lands exactly the files the filters take, lists nothing they leave out, and shows the filters', async () => {
    const { sourceRoot, destinationRoot, source, destination } = await platform.setUpPair('filtered');
    const files: Record<string, string> = {
      'keep.txt': 'kept',
      [ODD_NAME]: 'odd',
      'big.txt': 'x'.repeat(2000), // over maxSizeBytes
      'empty.txt': '', // under minSizeBytes
      'scratch.tmp.txt': 'tmp', // excluded, though included: exclude wins
      'notes.md': 'not included',
      '.hidden.txt': 'hidden',
      '.git/HEAD.txt': 'in a hidden folder',
      'docs/guide.md': 'taken with its folder',
      'docs/img/pic.png': 'below a taken folder',
      'docs/.draft.md': 'hidden, though its folder is taken',
      'sub/deep/more.txt': 'a name at any depth',
      'src/a/b.js': 'anchored pattern',
      'lib/c.js': 'not under src',
      'node_modules/pkg/readme.txt': 'pruned folder',
      'only-md/readme.md': 'a folder with nothing taken',
      'other/docs': 'a file named docs: "docs/" takes folders only',
    };
    for (const [path, data] of Object.entries(files)) {
      await mkdir(dirname(join(sourceRoot, 'outgoing', path)), { recursive: true });
      await writeFile(join(sourceRoot, 'outgoing', path), data);
    }
    execFileSync('mkfifo', [join(sourceRoot, 'outgoing', 'pipe.tmp.txt')]);
    await writeFile(join(sourceRoot, 'loose.txt'), 'a source path that is a file');
    await writeFile(join(sourceRoot, '.env'), 'a hidden file named as a source path');
    const filters = {
      include: ['*.txt', 'docs/', '/src/**/*.js', '.env'],
      exclude: ['node_modules/', '*.tmp.txt'],
      minSizeBytes: 1,
      maxSizeBytes: 1000,
      skipHidden: true,
    };

    const created = await api('POST', '/transfers', {
      sourceAgentId: source.agentId,
      sourcePaths: ['outgoing', 'loose.txt', '.env'],
      destinationAgentId: destination.agentId,
      destinationDir: 'incoming',
      filters,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.filters).toEqual(filters);
    const finished = await platform.waitForState(created.body.id, ['succeeded', 'failed', 'canceled'], 60_000);

    expect(finished.transfer.state, finished.transfer.stateReason).toBe('succeeded');
    expect(finished.transfer.filters).toEqual(filters);
    const taken = [
      'outgoing/keep.txt',
      `outgoing/${ODD_NAME}`,
      'outgoing/docs/guide.md',
      'outgoing/docs/img/pic.png',
      'outgoing/sub/deep/more.txt',
      'outgoing/src/a/b.js',
      'loose.txt',
      '.env',
    ];
    const listed = finished.files.map((file: { path: string; status: string }) => `${file.status} ${file.path}`);
    expect(listed.sort()).toEqual(taken.map((path) => `done ${path}`).sort());
    expect(listTree(join(destinationRoot, 'incoming')).sort()).toEqual(
      [
        ...taken,
        'outgoing/',
        'outgoing/docs/',
        'outgoing/docs/img/',
        'outgoing/sub/',
        'outgoing/sub/deep/',
        'outgoing/src/',
        'outgoing/src/a/',
      ].sort(),
    );
  }, 120_000);
});
