import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAgentPlatform } from './agent-platform.ts';
import { Peer } from './live-server.ts';
import { waitUntil } from './wait-until.ts';

const pathsOf = (planned: { paths: Array<{ path: string }> }) => planned.paths.map((entry) => entry.path).sort();

/** A mirror job through the API with real agent processes: its preview, then the run it foretold. */
describe('job modes, with real agent processes', () => {
  const platform = useAgentPlatform('job-modes');
  const { api } = platform;

  it('previews a mirror run, then the run sends, keeps and deletes exactly that, and its run shows it', async () => {
    const { source, destination, destinationRoot, landedPath } = await platform.setUpPair('mirror', {
      'same.txt': 'already there',
      'new.txt': 'only at the source',
    });
    const landed = join(destinationRoot, 'incoming', 'outgoing');
    await mkdir(landed, { recursive: true });
    await writeFile(join(landed, 'same.txt'), 'already there');
    await writeFile(join(landed, 'extra.txt'), 'only at the destination');
    await writeFile(join(destinationRoot, 'incoming', 'beside.txt'), 'outside the mirrored folder');
    const created = await api('POST', '/jobs', {
      name: 'mirror outgoing',
      mode: 'mirror',
      sourceAgentId: source.agentId,
      sourcePaths: ['outgoing'],
      destinationAgentId: destination.agentId,
      destinationDir: 'incoming',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const jobPath = `/jobs/${created.body.id}`;

    // Until both agents are connected (and the destination's data channel is open) it is 409 agent_offline.
    const preview = await waitUntil(
      'a preview',
      async () => {
        const response = await api('POST', `${jobPath}/preview`);
        if (response.status === 409 && response.body.error.details?.reason === 'agent_offline') return false;
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        return response.body;
      },
      30_000,
    );
    expect(preview).toMatchObject({ jobId: created.body.id, mode: 'mirror' });
    expect(pathsOf(preview.plan.send)).toEqual(['outgoing/new.txt']);
    expect(preview.plan.send).toMatchObject({ count: 1, bytes: 'only at the source'.length, truncated: false });
    expect(pathsOf(preview.plan.unchanged)).toEqual(['outgoing/same.txt']);
    expect(pathsOf(preview.plan.deleteAtDestination)).toEqual(['outgoing/extra.txt']);
    expect(preview.plan.deleteAtSource.count).toBe(0);
    // A preview changes nothing.
    expect(existsSync(join(landed, 'extra.txt'))).toBe(true);
    expect(existsSync(landedPath('new.txt'))).toBe(false);
    expect((await api('GET', `${jobPath}/runs`)).body.runs).toEqual([]);

    // A dashboard watching the project sees the run start and end.
    const watcher = await Peer.open(platform.server.url, platform.token);
    await watcher.waitFor((m) => m.type === 'ready');
    watcher.send({ type: 'subscribe', projectId: platform.projectId });
    await watcher.waitFor((m) => m.type === 'subscribed');
    const run = await api('POST', `${jobPath}/run`);
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    const ended = await waitUntil(
      'the run to end',
      async () => {
        const [latest] = (await api('GET', `${jobPath}/runs`)).body.runs;
        return latest && latest.status !== 'started' && latest;
      },
      60_000,
    );
    expect(ended).toMatchObject({
      status: 'succeeded',
      filesCopied: 1,
      bytesCopied: 'only at the source'.length,
      filesDeleted: 1,
    });
    expect(ended.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(await readFile(landedPath('new.txt'), 'utf8')).toBe('only at the source');
    expect(await readFile(landedPath('same.txt'), 'utf8')).toBe('already there');
    expect(existsSync(join(landed, 'extra.txt'))).toBe(false);
    expect(await readFile(join(destinationRoot, 'incoming', 'beside.txt'), 'utf8')).toBe('outside the mirrored folder');

    const heard = await watcher.waitFor((m) => m.type === 'job_run' && m.run.status === 'succeeded');
    expect(heard.run).toMatchObject({ id: run.body.id, filesCopied: 1, filesDeleted: 1 });
    expect(watcher.messages.find((m) => m.type === 'job_run')?.run).toMatchObject({
      id: run.body.id,
      status: 'started',
    });
    watcher.close();

    const detail = await platform.detail(run.body.transferId);
    expect(detail.transfer).toMatchObject({ mode: 'mirror', state: 'succeeded' });
    const files = detail.files.map((file: { status: string; path: string }) => `${file.status} ${file.path}`);
    expect(files.filter((line: string) => !line.startsWith('skipped')).sort()).toEqual([
      'deleted outgoing/extra.txt',
      'done outgoing/new.txt',
    ]);
  }, 120_000);

  it('says why a preview failed (the source path is gone), and 429 agent_busy while the agent has 8 waiting', async () => {
    const { source, destination, sourceProcess } = await platform.setUpPair('preview-failures', { 'a.txt': 'a' });
    const created = await api('POST', '/jobs', {
      name: 'a missing folder',
      sourceAgentId: source.agentId,
      sourcePaths: ['no-such-folder'],
      destinationAgentId: destination.agentId,
      destinationDir: 'incoming',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const previewPath = `/jobs/${created.body.id}/preview`;
    const failed = await waitUntil(
      'a preview answered by the agent',
      async () => {
        const response = await api('POST', previewPath);
        return response.body.error?.details?.reason !== 'agent_offline' && response;
      },
      30_000,
    );
    expect(failed.status, JSON.stringify(failed.body)).toBe(409);
    expect(failed.body.error.details).toEqual({ reason: 'preview_failed' });
    expect(failed.body.error.message).toMatch(/^The preview failed: .*source not found/);

    // A stopped agent answers nothing: 8 requests wait for it, the 9th is turned away at once.
    sourceProcess.kill('SIGSTOP');
    try {
      const waiting = Array.from({ length: 8 }, () => api('POST', previewPath));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const turnedAway = await api('POST', previewPath);
      expect(turnedAway.status, JSON.stringify(turnedAway.body)).toBe(429);
      expect(turnedAway.body.error.details).toEqual({ reason: 'agent_busy' });
      sourceProcess.kill('SIGCONT');
      for (const answer of await Promise.all(waiting)) {
        expect(answer.body.error.details).toEqual({ reason: 'preview_failed' });
      }
    } finally {
      sourceProcess.kill('SIGCONT');
    }
  }, 120_000);
});
