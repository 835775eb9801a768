import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../server/test/wait-until.ts';
import { offLimitsOf, rootProblem } from '../../src/state/off-limits.ts';
import { sendTransfer } from '../../src/transfer/send-transfer.ts';
import { createTestRunner } from '../support/test-runner.ts';
import { connectRaw } from './support/raw-client.ts';
import { createTransferFixture, type TransferFixture } from './support/transfer-fixture.ts';

/**
 * An agent's own folders (its state: the private key; its program) are never read or written
 * by a transfer, whatever its roots say, and an agent without a root refuses every transfer.
 */
let fixture: TransferFixture | undefined;
afterEach(async () => {
  await fixture?.cleanup();
  fixture = undefined;
});

const KEY = '{"privateKeyJwk":{"d":"secret"}}\n';
const PROGRAM = '#!/usr/bin/env node\n// the real agent\n';

/** A root that holds the agent's state folder and program folder, as a root of `~` would. */
function agentHome(root: string) {
  const state = join(root, '.tcpa-agent');
  const bin = join(state, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(state, 'agent.json'), KEY);
  writeFileSync(join(bin, 'tcpa-agent'), PROGRAM);
  return { state, bin, offLimits: [state, bin] };
}

function listAll(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe("an agent's own folders and roots", () => {
  it('without a root, refuses transfers as destination and as source, saying how to add one', async () => {
    const current = await createTransferFixture(() => ({ roots: [] }));
    fixture = current;
    const client = await connectRaw(current.port);
    client.send({ type: 'hello', version: 2, token: await current.token({ dir: 'incoming' }), role: 'control' });
    const refusal = await client.next('hello-ok');
    client.socket.destroy();
    expect(refusal).toMatchObject({ type: 'error', code: 'unsafe_path' });
    expect((refusal as { message: string }).message).toMatch(
      /^the destination agent has no transfer root: add one .*`tcpa-agent roots add DIR`/,
    );

    const { runner, sent } = createTestRunner({ stateDir: current.stateDir, roots: [] });
    runner.handleCommand({
      name: 'transfer.start',
      args: {
        transferId: 'transfer-1',
        attempt: 1,
        token: await current.token(),
        sourcePaths: ['.tcpa-agent/agent.json'],
        destinationAgentId: 'agent-destination',
        destination: { host: '127.0.0.1', port: current.port, fingerprint: current.fingerprint },
        overwrite: 'overwrite',
        symlinks: 'preserve',
        filters: null,
        mode: 'copy',
        modifiedAfterMs: null,
        bandwidthLimitBps: null,
        tuning: null,
      },
    });
    const outcome = await waitUntil('the outcome', async () => sent.find((m) => m.type === 'transfer_outcome'));
    expect(outcome).toMatchObject({ state: 'failed', retryable: false });
    expect((outcome as { reason: string }).reason).toMatch(/^the source agent has no transfer root: add one/);
    await runner.stop();
  });

  it('never sends its state or program folder: named, inside a folder sent, or through a symlink', async () => {
    const current = await createTransferFixture();
    fixture = current;
    const { state, bin, offLimits } = agentHome(current.sourceRoot);
    mkdirSync(join(current.sourceRoot, 'photos'));
    writeFileSync(join(current.sourceRoot, 'photos', 'cat.jpg'), 'meow');
    symlinkSync(join(state, 'agent.json'), join(current.sourceRoot, 'photos', 'key.json'));
    symlinkSync(bin, join(current.sourceRoot, 'photos', 'bin'));
    const send = async (paths: string[]) =>
      sendTransfer({
        roots: [current.sourceRoot],
        offLimits,
        paths,
        destination: { host: '127.0.0.1', port: current.port, fingerprint: current.fingerprint },
        token: await current.token(),
        overwrite: 'overwrite',
      }).result;

    for (const path of [
      join(state, 'agent.json'),
      state,
      join(bin, 'tcpa-agent'),
      join(current.sourceRoot, 'photos', 'key.json'),
    ]) {
      await expect(send([path]), path).rejects.toMatchObject({
        code: 'source_refused',
        message: expect.stringContaining("the agent's own state or program folder"),
      });
    }
    // The whole root: everything but the agent's own files.
    const whole = await send([current.sourceRoot]);
    expect(whole.ok).toBe(true);
    expect(whole.skippedSources).toEqual(
      expect.arrayContaining([
        { path: 'source/.tcpa-agent', reason: expect.stringMatching(/^refused: the agent's own/) },
        { path: 'source/photos/key.json', reason: expect.stringMatching(/^refused: the agent's own/) },
      ]),
    );
    expect(listAll(current.destinationRoot)).toEqual(['source', 'source/photos', 'source/photos/cat.jpg']);
  });

  it('never writes into its state or program folder, under its root or through a symlink', async () => {
    let home = { state: '', bin: '', offLimits: [] as string[] };
    const current = await createTransferFixture((base) => {
      home = agentHome(join(base, 'destination'));
      return { offLimits: home.offLimits };
    });
    fixture = current;
    symlinkSync(home.state, join(current.destinationRoot, 'shortcut'));
    // Straight into the program folder: refused before anything is written.
    for (const dir of ['.tcpa-agent/bin', join(current.destinationRoot, 'shortcut')]) {
      const client = await connectRaw(current.port);
      client.send({ type: 'hello', version: 2, token: await current.token({ dir }), role: 'control' });
      expect(await client.next('hello-ok'), dir).toMatchObject({
        type: 'error',
        code: 'unsafe_path',
        message: expect.stringContaining("the agent's own state or program folder"),
      });
      client.socket.destroy();
    }
    // Into the root, with files named to land in the agent's folders.
    const client = await connectRaw(current.port);
    // The token names every entry, so what refuses them is the receiver's own-folder rule.
    const paths = ['.tcpa-agent', 'shortcut', 'fine.txt'];
    client.send({ type: 'hello', version: 2, token: await current.token({ paths }), role: 'control' });
    await client.next('hello-ok');
    const evil = Buffer.from('#!/bin/sh\necho owned\n');
    const names = ['.tcpa-agent/bin/tcpa-agent', '.tcpa-agent/agent.json', 'shortcut/agent.json', 'fine.txt'];
    const entries = names.map((path, index) => ({
      index,
      path,
      kind: 'file',
      size: evil.length,
      mode: 0o755,
      mtimeMs: 1_700_000_000_000,
      sha256: createHash('sha256').update(evil).digest('hex'),
    }));
    client.send({ type: 'manifest', entries });
    client.send({ type: 'manifest-end', entryCount: entries.length, overwrite: 'overwrite' });
    await client.next('plan-end');
    const results = client.frames.filter((frame) => frame.type === 'file-result');
    for (const index of [0, 1, 2]) {
      expect(
        results.find((result) => result.file === index),
        names[index],
      ).toMatchObject({
        status: 'failed',
        reason: expect.stringContaining("the agent's own state or program folder"),
      });
    }
    client.socket.destroy();
    expect(sha256(readFileSync(join(home.bin, 'tcpa-agent'), 'utf8'))).toBe(sha256(PROGRAM));
    expect(readFileSync(join(home.state, 'agent.json'), 'utf8')).toBe(KEY);
    expect(listAll(home.state)).toEqual(['agent.json', 'bin', 'bin/tcpa-agent']);
  });

  it('counts the folder of a symlink the program is started through as the program', async () => {
    const current = await createTransferFixture();
    fixture = current;
    const { bin, state } = agentHome(current.sourceRoot);
    const links = join(current.base, 'usr-local-bin');
    mkdirSync(links);
    symlinkSync(join(bin, 'tcpa-agent'), join(links, 'tcpa-agent'));
    const folders = offLimitsOf(state, join(links, 'tcpa-agent'));
    expect(folders.map((folder) => folder.path)).toEqual([state, bin, links]);
    expect(rootProblem(current.base, folders)).toContain(`contains the agent's state folder`);
    expect(rootProblem(links, folders)).toBe(
      `${links} is inside the folder the agent's program is started from, ${links}`,
    );
    expect(rootProblem(current.destinationRoot, folders)).toBeUndefined();
  });
});
