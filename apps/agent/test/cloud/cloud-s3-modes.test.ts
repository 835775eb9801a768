import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalS3, startLocalS3 } from '../../../server/test/support/local-s3.ts';
import { waitUntil } from '../../../server/test/wait-until.ts';
import { cloudTestRunner, outcomeOf } from '../support/cloud-runner.ts';
import { s3ControlDouble } from '../support/s3-control-double.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const MIB = 1024 * 1024;

let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(async () => {
  await s3?.close();
});

function setUp() {
  const root = tempDir();
  const stateDir = tempDir();
  const prefix = `m-${randomUUID()}/`;
  const double = s3ControlDouble(s3, prefix);
  const runner = cloudTestRunner(stateDir, [root], double);
  const putObject = (key: string, body: string | Buffer, sha256?: string) =>
    double.client.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: `${prefix}${key}`,
        Body: body,
        ...(sha256 ? { Metadata: { sha256 } } : {}),
      }),
    );
  const keys = async () =>
    ((await double.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }))).Contents ?? []).map(
      (object) => (object.Key as string).slice(prefix.length),
    );
  return { root, stateDir, prefix, double, ...runner, putObject, keys };
}

describe('cloud downloads write only below their destination', () => {
  it('refuses keys that would pass through a symlink or use a reserved name, and a file whose SHA-256 does not match', async () => {
    const { root, double, start, reported, putObject } = setUp();
    const outside = tempDir();
    mkdirSync(join(root, 'in'));
    symlinkSync(outside, join(root, 'in', 'link'));
    await putObject('link/evil.txt', 'through the link');
    await putObject('.tcpa-part-0123', 'a reserved name');
    await putObject('ok.txt', 'fine');
    await putObject('tampered.txt', 'these bytes', 'ab'.repeat(32));
    const transferId = randomUUID();
    start({ transferId, direction: 'download', destinationDir: 'in' });
    const { outcome, files } = await outcomeOf(reported, transferId);
    expect(outcome.state).toBe('failed');
    const byPath = new Map(files.map((file) => [file.path, file]));
    expect(byPath.get('link/evil.txt')).toMatchObject({ status: 'failed', error: expect.stringContaining('symlink') });
    expect(byPath.get('.tcpa-part-0123')).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('reserved'),
    });
    expect(byPath.get('tampered.txt')).toMatchObject({ status: 'failed', error: expect.stringContaining('SHA-256') });
    expect(byPath.get('ok.txt')).toMatchObject({ status: 'done' });
    expect(readdirSync(outside)).toEqual([]);
    expect(readdirSync(join(root, 'in')).sort()).toEqual(['link', 'ok.txt']); // no temporary file left
    expect(readFileSync(join(root, 'in', 'ok.txt'), 'utf8')).toBe('fine');
    double.close();
  });

  it('refuses a destination outside the roots', async () => {
    const { double, start, reported } = setUp();
    const transferId = randomUUID();
    start({ transferId, direction: 'download', destinationDir: '../elsewhere' });
    const { outcome } = await outcomeOf(reported, transferId);
    expect(outcome).toMatchObject({ state: 'failed', retryable: false, reason: expect.stringContaining('".."') });
    double.close();
  });
});

describe('cloud transfer modes', () => {
  it('move deletes each source file once stored; mirror deletes keys (and local files) the other side lacks', async () => {
    const { root, double, start, reported, putObject, keys } = setUp();
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs', 'a.txt'), 'a');
    writeFileSync(join(root, 'docs', 'b.txt'), 'b');
    await putObject('docs/stale.txt', 'not at the source');
    await putObject('other/kept.txt', 'not below a source path');

    const mirrorId = randomUUID();
    start({ transferId: mirrorId, direction: 'upload', sourcePaths: ['docs'], mode: 'mirror' });
    const mirrored = await outcomeOf(reported, mirrorId);
    expect(mirrored.outcome.state).toBe('succeeded');
    expect(mirrored.files.find((file) => file.path === 'docs/stale.txt')).toMatchObject({ status: 'deleted' });
    expect((await keys()).sort()).toEqual(['docs/a.txt', 'docs/b.txt', 'other/kept.txt']);

    const moveId = randomUUID();
    start({ transferId: moveId, direction: 'upload', sourcePaths: ['docs'], mode: 'move', overwrite: 'keep_both' });
    const moved = await outcomeOf(reported, moveId);
    expect(moved.outcome.state).toBe('succeeded');
    expect(moved.files.map((file) => [file.path, file.sourceDeleted]).sort()).toEqual([
      ['docs/a (1).txt', true],
      ['docs/b (1).txt', true],
    ]);
    expect(readdirSync(join(root, 'docs'))).toEqual([]);

    // Download as a mirror: a local file the store lacks goes; move deletes the objects read.
    mkdirSync(join(root, 'copy', 'docs'), { recursive: true });
    writeFileSync(join(root, 'copy', 'docs', 'local-only.txt'), 'gone after the mirror');
    const downId = randomUUID();
    start({ transferId: downId, direction: 'download', destinationDir: 'copy', mode: 'mirror' });
    const down = await outcomeOf(reported, downId);
    expect(down.outcome.state).toBe('succeeded');
    expect(existsSync(join(root, 'copy', 'docs', 'local-only.txt'))).toBe(false);
    expect(readdirSync(join(root, 'copy', 'docs')).sort()).toEqual(['a (1).txt', 'a.txt', 'b (1).txt', 'b.txt']);

    const takeId = randomUUID();
    mkdirSync(join(root, 'taken'));
    start({ transferId: takeId, direction: 'download', destinationDir: 'taken', mode: 'move' });
    const taken = await outcomeOf(reported, takeId);
    expect(taken.outcome.state).toBe('succeeded');
    expect(await keys()).toEqual([]);
    expect(readFileSync(join(root, 'taken', 'other', 'kept.txt'), 'utf8')).toBe('not below a source path');
    double.close();
  });

  it('keep_both never names a copy after a file the same transfer sends', async () => {
    const { root, prefix, double, start, reported, putObject, keys } = setUp();
    mkdirSync(join(root, 'docs'));
    // 130 files: three batches, each made ready while the one before is sent.
    for (let index = 0; index < 128; index++) writeFileSync(join(root, 'docs', `f${index}.txt`), `new ${index}`);
    writeFileSync(join(root, 'docs', 'z.txt'), 'new z');
    writeFileSync(join(root, 'docs', 'z (1).txt'), "the source's own z (1)");
    await putObject('docs/z.txt', 'old z');
    await putObject('docs/f127.txt', 'old f127');
    const transferId = randomUUID();
    start({ transferId, direction: 'upload', sourcePaths: ['docs'], overwrite: 'keep_both' });
    const { outcome, files } = await outcomeOf(reported, transferId);
    expect(outcome.state).toBe('succeeded');
    expect(files.filter((file) => file.status === 'done')).toHaveLength(130);
    const read = async (key: string) =>
      (
        await double.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `${prefix}${key}` }))
      ).Body?.transformToString();
    expect(await read('docs/z.txt')).toBe('old z');
    expect(await read('docs/z (1).txt')).toBe("the source's own z (1)");
    expect(await read('docs/z (2).txt')).toBe('new z');
    expect(await read('docs/f127 (1).txt')).toBe('new 127');
    expect((await keys()).length).toBe(132);
    double.close();
  });

  it('keep_both out of a store never names a copy after an object the same transfer reads', async () => {
    const { root, double, start, reported, putObject } = setUp();
    mkdirSync(join(root, 'in', 'docs'), { recursive: true });
    writeFileSync(join(root, 'in', 'docs', 'a.txt'), 'local a');
    await putObject('docs/a.txt', 'stored a');
    await putObject('docs/a (1).txt', 'stored a (1)');
    // 130 more: three batches, each made ready while the one before is read.
    for (let index = 0; index < 130; index++) await putObject(`more/${index}.txt`, `more ${index}`);
    const transferId = randomUUID();
    start({ transferId, direction: 'download', destinationDir: 'in', overwrite: 'keep_both' });
    const { outcome, files } = await outcomeOf(reported, transferId);
    expect(outcome, outcome.reason).toMatchObject({ state: 'succeeded' });
    expect(files.filter((file) => file.status === 'done')).toHaveLength(132);
    const read = (path: string) => readFileSync(join(root, 'in', path), 'utf8');
    expect(read('docs/a.txt')).toBe('local a');
    expect(read('docs/a (1).txt')).toBe('stored a (1)');
    expect(read('docs/a (2).txt')).toBe('stored a');
    expect(read('more/129.txt')).toBe('more 129');
    double.close();
  });

  it('fails a file that changes while it is uploaded, and gives its multipart upload up', async () => {
    const { root, double, start, reported } = setUp();
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'data', 'growing.bin'), randomBytes(30 * MIB));
    const transferId = randomUUID();
    start({ transferId, direction: 'upload', sourcePaths: ['data'], bandwidthLimitBps: 15 * MIB * 8, concurrency: 1 });
    await waitUntil(
      'a part stored',
      () => double.seen.some((message) => message.operation.op === 'parts_done'),
      60_000,
      20,
    );
    appendFileSync(join(root, 'data', 'growing.bin'), 'more');
    const { outcome, files } = await outcomeOf(reported, transferId);
    expect(outcome.state).toBe('failed');
    expect(files[0]).toMatchObject({
      path: 'data/growing.bin',
      status: 'failed',
      error: expect.stringContaining('changed'),
    });
    expect(double.seen.some((message) => message.operation.op === 'multipart_abort')).toBe(true);
    expect(double.counts.completed).toBe(0);
    double.close();
  });
});

describe('a paused download', () => {
  it('resumes from its journal: ranges already written are not read again', async () => {
    const { root, stateDir, double, runner, start, reported, putObject } = setUp();
    const bytes = randomBytes(40 * MIB);
    await putObject('big.bin', bytes, createHash('sha256').update(bytes).digest('hex'));
    mkdirSync(join(root, 'in'));
    const transferId = randomUUID();
    start({ transferId, direction: 'download', destinationDir: 'in', bandwidthLimitBps: 10 * MIB * 8, concurrency: 1 });
    const journal = join(stateDir, 'cloud-journal', `${transferId}.jsonl`);
    await waitUntil(
      'a range written',
      () => existsSync(journal) && readFileSync(journal, 'utf8').includes('"record":"range"'),
      60_000,
      20,
    );
    runner.handleCommand({ name: 'transfer.pause', args: { transferId, attempt: 1 } });
    await waitUntil('the pause', () => !runner.activeTransferIds.includes(transferId), 60_000, 20);
    const written = readFileSync(journal, 'utf8')
      .split('\n')
      .filter((line) => line.includes('"record":"range"')).length;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(8);

    start({ transferId, attempt: 2, direction: 'download', destinationDir: 'in' });
    const { outcome } = await outcomeOf(reported, transferId);
    expect(outcome, outcome.reason).toMatchObject({ state: 'succeeded' });
    expect(outcome.stats?.bytesResumed).toBe(written * 5 * MIB);
    expect(outcome.stats?.bytesSent).toBe(40 * MIB - written * 5 * MIB);
    expect(readFileSync(join(root, 'in', 'big.bin')).equals(bytes)).toBe(true);
    expect(readdirSync(join(root, 'in'))).toEqual(['big.bin']);
    double.close();
  });
});

describe('names with a line break', () => {
  it('round-trips a file whose name holds a newline', async () => {
    const { root, double, start, reported } = setUp();
    mkdirSync(join(root, 'odd'));
    writeFileSync(join(root, 'odd', 'line\nbreak.txt'), 'two lines of name');
    const upId = randomUUID();
    start({ transferId: upId, direction: 'upload', sourcePaths: ['odd'] });
    const up = await outcomeOf(reported, upId);
    expect(up.outcome, up.outcome.reason).toMatchObject({ state: 'succeeded' });
    mkdirSync(join(root, 'back'));
    const downId = randomUUID();
    start({ transferId: downId, direction: 'download', destinationDir: 'back' });
    const down = await outcomeOf(reported, downId);
    expect(down.outcome, down.outcome.reason).toMatchObject({ state: 'succeeded' });
    expect(readFileSync(join(root, 'back', 'odd', 'line\nbreak.txt'), 'utf8')).toBe('two lines of name');
    double.close();
  });
});

describe('part URLs that expire', () => {
  it('asks again, once, for a part whose URL the store says has expired', async () => {
    const { root, double, start, reported } = setUp();
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'data', 'big.bin'), randomBytes(11 * MIB));
    // Signed for 1 s, handed over 2 s later (yet claiming 15 minutes): the store refuses them as expired.
    double.shortLived.next = { signedForS: 1, replyAfterMs: 2_000 };
    const transferId = randomUUID();
    start({ transferId, direction: 'upload', sourcePaths: ['data'] });
    const { outcome } = await outcomeOf(reported, transferId);
    expect(outcome, outcome.reason).toMatchObject({ state: 'succeeded' });
    const asked = double.seen.flatMap((message) =>
      message.operation.op === 'part_urls' ? [message.operation.parts.map((part) => part.partNumber)] : [],
    );
    expect(asked[0]).toEqual([1, 2, 3]);
    expect(asked.slice(1).flat().sort()).toEqual([1, 2, 3]); // each asked again on its own
    double.close();
  });
});

describe('pause, check and cancel of a cloud transfer', () => {
  it('check answers while it runs; pause keeps the journal for the next attempt; cancel drops it', async () => {
    const { root, stateDir, double, runner, start, reported } = setUp();
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'data', 'big.bin'), randomBytes(40 * MIB));
    const transferId = randomUUID();
    const slow = { bandwidthLimitBps: 10 * MIB * 8, concurrency: 1 };
    start({ transferId, direction: 'upload', sourcePaths: ['data'], ...slow });
    await waitUntil(
      'a part stored',
      () => double.seen.some((message) => message.operation.op === 'parts_done'),
      60_000,
      20,
    );
    expect(runner.handleCommand({ name: 'transfer.check', args: { transferId, attempt: 1 } })).toEqual({ ok: true });
    expect(runner.activeTransferIds).toContain(transferId);
    const moving = (message: ReturnType<typeof reported>[number]) =>
      message.type === 'transfer_progress' && message.bytesDone > 0;
    await waitUntil('a progress report of bytes sent', () => reported().some(moving), 60_000, 20);
    const progress = reported().find(moving);
    expect(progress).toMatchObject({ transferId, bytesTotal: 40 * MIB, filesTotal: 1, filesDone: 0 });
    runner.handleCommand({ name: 'transfer.pause', args: { transferId, attempt: 1 } });
    await waitUntil('the pause', () => !runner.activeTransferIds.includes(transferId), 60_000, 20);
    expect(runner.handleCommand({ name: 'transfer.check', args: { transferId, attempt: 1 } })).toMatchObject({
      ok: false,
    });
    const journal = join(stateDir, 'cloud-journal', `${transferId}.jsonl`);
    expect(readFileSync(journal, 'utf8')).toContain('"record":"part"');
    const toldBeforePause = double.seen.flatMap((message) =>
      message.operation.op === 'parts_done' ? message.operation.parts.map((part) => part.partNumber) : [],
    );

    const asked = double.seen.length;
    start({ transferId, attempt: 2, direction: 'upload', sourcePaths: ['data'], ...slow });
    await waitUntil(
      'the resume',
      () => double.seen.slice(asked).some((message) => message.operation.op === 'part_urls'),
      60_000,
      20,
    );
    const askedAgain = double.seen
      .slice(asked)
      .flatMap((message) =>
        message.operation.op === 'part_urls' ? message.operation.parts.map((part) => part.partNumber) : [],
      );
    expect(askedAgain.filter((partNumber) => toldBeforePause.includes(partNumber))).toEqual([]);
    runner.handleCommand({ name: 'transfer.cancel', args: { transferId, attempt: 2 } });
    await waitUntil('the cancel', () => !runner.activeTransferIds.includes(transferId), 60_000, 20);
    expect(existsSync(journal)).toBe(false);
    expect(reported().some((message) => message.type === 'transfer_outcome')).toBe(false); // the control plane asked
    double.close();
  });
});

describe('what the control plane refuses', () => {
  it('fails the transfer for good on refused credentials, and ends it quietly when the attempt was stopped', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'data', 'a.txt'), 'a');
    let code: 'credentials' | 'stopped' = 'credentials';
    const refusing = {
      reply: async (message: { requestId: string }) => ({
        type: 'cloud_reply' as const,
        requestId: message.requestId,
        error: { code, message: 'InvalidAccessKeyId: The AWS access key id you provided does not exist' },
      }),
    };
    const { start, reported, runner } = cloudTestRunner(tempDir(), [root], refusing);
    const refusedId = randomUUID();
    start({ transferId: refusedId, direction: 'upload', sourcePaths: ['data'] });
    const { outcome } = await outcomeOf(reported, refusedId);
    expect(outcome).toMatchObject({
      state: 'failed',
      retryable: false,
      reason: expect.stringContaining("the storage location's credentials were refused (s3://tcpa-test/prefix)"),
    });

    code = 'stopped';
    const stoppedId = randomUUID();
    start({ transferId: stoppedId, direction: 'upload', sourcePaths: ['data'] });
    await waitUntil('the end of the stopped attempt', () => !runner.activeTransferIds.includes(stoppedId), 60_000, 20);
    expect(reported().some((message) => message.type === 'transfer_outcome' && message.transferId === stoppedId)).toBe(
      false,
    );
  });
});

describe('a listing that names a path outside the transfer', () => {
  it('is not read: the download fails and nothing is written', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'in'));
    const escaping = {
      reply: async (message: { requestId: string }) => ({
        type: 'cloud_reply' as const,
        requestId: message.requestId,
        result: { objects: [{ key: '../escape.txt', sizeBytes: 1, lastModifiedMs: 1 }], cursor: null },
      }),
    };
    const { start, reported } = cloudTestRunner(tempDir(), [root], escaping);
    const transferId = randomUUID();
    start({ transferId, direction: 'download', destinationDir: 'in' });
    const { outcome } = await outcomeOf(reported, transferId);
    expect(outcome).toMatchObject({ state: 'failed', reason: expect.stringContaining('could not be read') });
    expect(readdirSync(root)).toEqual(['in']);
    expect(readdirSync(join(root, 'in'))).toEqual([]);
  });
});
