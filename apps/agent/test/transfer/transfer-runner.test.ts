import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentMessage, TransferStartArgs } from '@tcpa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../server/test/wait-until.ts';
import { createTestRunner } from '../support/test-runner.ts';
import { createTransferFixture, type TransferFixture } from './support/transfer-fixture.ts';

let fixture: TransferFixture;
beforeEach(async () => {
  fixture = await createTransferFixture();
});
afterEach(async () => {
  await fixture.cleanup();
});

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('the agent runs transfer commands as the source', () => {
  it('starts a resume that arrives while the paused attempt is still winding down, and reports files, not folders', async () => {
    const data = randomBytes(8 << 20);
    const source = join(fixture.sourceRoot, 'folder');
    mkdirSync(source);
    writeFileSync(join(source, 'file.bin'), data);
    const { runner, sent } = createTestRunner({ stateDir: fixture.stateDir, roots: [fixture.sourceRoot] });
    const start: TransferStartArgs = {
      transferId: 'transfer-1',
      attempt: 1,
      token: await fixture.token({ paths: [source] }),
      sourcePaths: ['folder'],
      destinationAgentId: 'agent-destination',
      destination: { host: '127.0.0.1', port: fixture.port, fingerprint: fixture.fingerprint },
      overwrite: 'overwrite',
      symlinks: 'preserve',
      filters: null,
      mode: 'copy',
      modifiedAfterMs: null,
      bandwidthLimitBps: 40_000_000,
      tuning: null,
    };
    expect(runner.handleCommand({ name: 'transfer.start', args: start })).toEqual({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Pause and resume in one go: the paused attempt has not finished cancelling yet.
    const pause = { transferId: 'transfer-1', attempt: 1 };
    expect(runner.handleCommand({ name: 'transfer.pause', args: pause })).toEqual({ ok: true });
    expect(runner.handleCommand({ name: 'transfer.start', args: start })).toEqual({ ok: true });

    const outcome = await waitUntil(
      'the transfer outcome',
      async () => sent.find((message) => message.type === 'transfer_outcome'),
      20_000,
    );
    expect(outcome).toMatchObject({ type: 'transfer_outcome', transferId: 'transfer-1', state: 'succeeded' });
    expect(sha(readFileSync(join(fixture.destinationRoot, 'folder', 'file.bin')))).toBe(sha(data));
    // The folder is not counted as a file; file results come in a page before the outcome.
    const pages = sent.filter((message) => message.type === 'transfer_files');
    expect(pages.flatMap((page) => page.files.map((file) => file.path))).toEqual(['folder/file.bin']);
    expect(sent.indexOf(pages[0] as AgentMessage)).toBeLessThan(sent.indexOf(outcome as AgentMessage));
    expect(runner.activeCount).toBe(0);
    await runner.stop();
  });
});
