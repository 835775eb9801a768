import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AgentMessage,
  AgentMessageSchema,
  MAX_FRAME_BYTES,
  MAX_PREVIEW_PATHS,
  type TransferMode,
  type TransferPlan,
  TransferPlanSchema,
  type TransferPreviewArgs,
  type TransferStartArgs,
} from '@tcpa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../server/test/wait-until.ts';
import { createLog } from '../../src/log.ts';
import { answerTransferPreview, fitInFrame } from '../../src/run/answer-transfer-preview.ts';
import { createTestRunner } from '../support/test-runner.ts';
import { createTransferFixture, type TransferFixture } from './support/transfer-fixture.ts';

let fixture: TransferFixture;
beforeEach(async () => {
  fixture = await createTransferFixture();
  mkdirSync(join(fixture.sourceRoot, 'folder'));
  writeFileSync(join(fixture.sourceRoot, 'folder', 'a.txt'), 'a');
  writeFileSync(join(fixture.sourceRoot, 'folder', 'b.txt'), 'bb');
  mkdirSync(join(fixture.destinationRoot, 'folder'));
  writeFileSync(join(fixture.destinationRoot, 'folder', 'extra.txt'), 'extra');
});
afterEach(async () => {
  await fixture.cleanup();
});

async function argsFor(mode: TransferMode, tokenMode: TransferMode = mode, transferId = 'transfer-1') {
  return {
    transferId,
    attempt: 1,
    token: await fixture.token({ paths: [join(fixture.sourceRoot, 'folder')], mode: tokenMode, tid: transferId }),
    sourcePaths: ['folder'],
    destinationAgentId: 'agent-destination',
    destination: { host: '127.0.0.1', port: fixture.port, fingerprint: fixture.fingerprint },
    overwrite: 'skip_identical' as const,
    symlinks: 'preserve' as const,
    filters: null,
    mode,
    modifiedAfterMs: null,
  };
}

async function preview(args: Omit<TransferPreviewArgs, 'requestId'>): Promise<AgentMessage> {
  const { runner } = createTestRunner({ stateDir: fixture.stateDir, roots: [fixture.sourceRoot] });
  const answers: AgentMessage[] = [];
  const requestId = randomUUID();
  const command = { commandId: { name: 'transfer.preview' as const, requestId }, args: { ...args, requestId } };
  await answerTransferPreview(
    (previewArgs) => runner.previewTransfer(previewArgs),
    command,
    (answer) => answers.push(answer) > 0,
    createLog({ write: () => undefined }),
  );
  await runner.stop();
  expect(answers).toHaveLength(1);
  return AgentMessageSchema.parse(answers[0]);
}

describe('transfer.preview in the agent', () => {
  it('answers with the plan of a dry run, writing nothing', async () => {
    const answer = await preview(await argsFor('mirror'));
    if (answer.type !== 'command_result' || !answer.ok) throw new Error(`no plan: ${JSON.stringify(answer)}`);
    const plan = TransferPlanSchema.parse(answer.result);
    expect(plan.send).toEqual({
      count: 2,
      bytes: 3,
      paths: [
        { path: 'folder/a.txt', size: 1 },
        { path: 'folder/b.txt', size: 2 },
      ],
      truncated: false,
    });
    expect(plan.deleteAtDestination.paths).toEqual([{ path: 'folder/extra.txt', size: 5 }]);
    expect(existsSync(join(fixture.destinationRoot, 'folder', 'a.txt'))).toBe(false);
    expect(existsSync(join(fixture.destinationRoot, 'folder', 'extra.txt'))).toBe(true);
  });

  it('answers why not when the destination refuses (a mirror the token does not allow)', async () => {
    const answer = await preview(await argsFor('mirror', 'copy'));
    expect(answer).toMatchObject({ type: 'command_result', ok: false });
    expect(answer.type === 'command_result' && answer.error).toMatch(
      /^the transfer cannot be planned: a mirror deletes at the destination, and the transfer token does not allow it/,
    );
  });

  it('shortens path lists to fit a realtime frame, keeping the counts', () => {
    const long = (list: string, index: number) => ({ path: `${list}/${'x'.repeat(300)}-${index}`, size: 1 });
    const files = (list: string) => ({
      count: 5000,
      bytes: 5000,
      paths: Array.from({ length: MAX_PREVIEW_PATHS }, (_, index) => long(list, index)),
      truncated: true,
    });
    const plan: TransferPlan = {
      send: files('send'),
      unchanged: files('unchanged'),
      deleteAtDestination: files('deleted'),
      deleteAtSource: { count: 0, bytes: 0, paths: [], truncated: false },
      skippedSources: [],
    };
    const fitted = fitInFrame(plan);
    expect(Buffer.byteLength(JSON.stringify(fitted))).toBeLessThan(MAX_FRAME_BYTES - 4096);
    expect(fitted.send.count).toBe(5000);
    expect(fitted.send.paths.length).toBeGreaterThan(100);
    expect(fitted.send.paths.length).toBeLessThan(MAX_PREVIEW_PATHS);
    expect(fitted.deleteAtSource).toEqual(plan.deleteAtSource);
  });
});

describe('transfer.start with a mode', () => {
  it('reports a mirror’s deletions and a move’s deleted sources in its file pages', async () => {
    const { runner, sent } = createTestRunner({ stateDir: fixture.stateDir, roots: [fixture.sourceRoot] });
    const start: TransferStartArgs = { ...(await argsFor('mirror')), bandwidthLimitBps: null, tuning: null };
    expect(runner.handleCommand({ name: 'transfer.start', args: start })).toEqual({ ok: true });
    await waitUntil('the mirror outcome', async () => sent.find((message) => message.type === 'transfer_outcome'));
    const files = sent.flatMap((message) => (message.type === 'transfer_files' ? message.files : []));
    expect(files.find((file) => file.path === 'folder/extra.txt')).toMatchObject({ status: 'deleted', size: 5 });
    expect(existsSync(join(fixture.destinationRoot, 'folder', 'extra.txt'))).toBe(false);

    sent.length = 0;
    const move: TransferStartArgs = {
      ...(await argsFor('move', 'move', 'transfer-2')),
      overwrite: 'overwrite',
      bandwidthLimitBps: null,
      tuning: null,
    };
    expect(runner.handleCommand({ name: 'transfer.start', args: move })).toEqual({ ok: true });
    await waitUntil('the move outcome', async () => sent.find((message) => message.type === 'transfer_outcome'));
    const moved = sent.flatMap((message) => (message.type === 'transfer_files' ? message.files : []));
    expect(moved.map((file) => [file.path, file.status, file.sourceDeleted])).toEqual([
      ['folder/a.txt', 'done', true],
      ['folder/b.txt', 'done', true],
    ]);
    expect(existsSync(join(fixture.sourceRoot, 'folder', 'a.txt'))).toBe(false);
    await runner.stop();
  });
});
