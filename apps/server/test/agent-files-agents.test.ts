import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAgentPlatform } from './agent-platform.ts';
import { signUpWithProject } from './live-server.ts';
import { waitUntil } from './wait-until.ts';

interface Entry {
  name: string;
  type: string;
  size: number;
  mtime: string;
}

const ODD_NAMES = ['with space.txt', 'ünïcødé 名前.txt', '-leading-dash'];

/** Browsing an agent's files through the API: the agent process itself reads its folders. */
describe("an agent's files, listed by the real agent process", () => {
  // Heartbeats far apart: a stopped agent stays connected past the 5 s the listing waits.
  const platform = useAgentPlatform('listing', { HEARTBEAT_SECONDS: '10' });
  const { api, agents } = platform;

  const startAgent = async (name: string) => {
    const root = await agents.tempDir();
    const enrolled = await agents.enrol(platform.server, {
      token: platform.token,
      projectId: platform.projectId,
      name,
      root,
    });
    const process = agents.start(enrolled.dir);
    await waitUntil(`${name} online`, async () => (await api('GET', `/agents/${enrolled.agentId}`)).body.online);
    return { root, agentId: enrolled.agentId, process };
  };
  const list = (agentId: string, query: Record<string, string>) =>
    api('GET', `/agents/${agentId}/files?${new URLSearchParams(query)}`);

  it('lists a folder with odd names, an empty file and symlinks (not followed), sorted by name', async () => {
    const { root, agentId } = await startAgent('odd');
    const outside = await agents.tempDir();
    await mkdir(join(root, 'odd', 'sub folder'), { recursive: true });
    for (const name of ODD_NAMES) await writeFile(join(root, 'odd', name), 'twelve bytes');
    await writeFile(join(root, 'odd', 'empty'), '');
    await symlink('with space.txt', join(root, 'odd', 'inside link'));
    await symlink(outside, join(root, 'odd', 'outside link'));

    const listed = await list(agentId, { path: 'odd' });

    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    const entries: Entry[] = listed.body.entries;
    const names = [
      '-leading-dash',
      'empty',
      'inside link',
      'outside link',
      'sub folder',
      'with space.txt',
      'ünïcødé 名前.txt',
    ];
    expect(entries.map((entry) => entry.name)).toEqual(names);
    const byName = new Map(entries.map((entry) => [entry.name, entry]));
    expect(byName.get('ünïcødé 名前.txt')).toMatchObject({ type: 'file', size: 12 });
    expect(byName.get('empty')).toMatchObject({ type: 'file', size: 0 });
    expect(byName.get('sub folder')).toMatchObject({ type: 'directory', size: 0 });
    expect(byName.get('inside link')).toMatchObject({ type: 'symlink' });
    expect(byName.get('outside link')).toMatchObject({ type: 'symlink' });
    expect(Math.abs(Date.parse(byName.get('empty')?.mtime ?? '') - Date.now())).toBeLessThan(60_000);
    expect(listed.body.nextCursor).toBeNull();

    const top = await list(agentId, { path: '' });
    expect(top.body.entries.map((entry: Entry) => entry.name)).toEqual(['odd']);
    const inner = await list(agentId, { path: 'odd/sub folder' });
    expect(inner.body).toEqual({ path: 'odd/sub folder', entries: [], nextCursor: null });

    const escaped = await list(agentId, { path: 'odd/outside link' });
    expect(escaped.status).toBe(400);
    expect(escaped.body.error.message).toMatch(/refused: "odd\/outside link" leads outside the agent roots/);
  }, 60_000);

  it('pages through more entries than the limit, each once, in order', async () => {
    const { root, agentId } = await startAgent('many');
    const names = Array.from({ length: 25 }, (_, index) => `file-${String(index).padStart(2, '0')}`);
    await mkdir(join(root, 'many'));
    for (const name of names) await writeFile(join(root, 'many', name), name);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string> = { path: 'many', limit: '10', ...(cursor ? { cursor } : {}) };
      const page = await list(agentId, query);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      seen.push(...page.body.entries.map((entry: Entry) => entry.name));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);

    expect(pages).toBe(3);
    expect(seen).toEqual(names);
    expect((await list(agentId, { path: 'many', limit: '1001' })).status).toBe(400);
  }, 60_000);

  it('refuses paths outside the roots with the reasons the data channel gives', async () => {
    const { agentId } = await startAgent('refuse');
    const refusal = async (path: string) => {
      const answer = await list(agentId, { path });
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      return answer.body.error.message as string;
    };

    expect(await refusal('..')).toBe('Agent "refuse" refused: ".." in path refused: ".."');
    expect(await refusal('a/../../etc')).toMatch(/"\.\." in path refused/);
    expect(await refusal('/etc')).toBe('Agent "refuse" refused: absolute path refused: "/etc"');
    expect(await refusal('missing')).toBe('Agent "refuse" refused: no such directory: "missing"');
  }, 60_000);

  it('says the agent is offline, or did not answer in 5 s', async () => {
    const root = await agents.tempDir();
    const enrolled = await agents.enrol(platform.server, {
      token: platform.token,
      projectId: platform.projectId,
      name: 'asleep',
      root,
    });

    const offline = await list(enrolled.agentId, { path: '' });
    expect(offline.status).toBe(409);
    expect(offline.body.error).toMatchObject({
      message: 'Agent "asleep" is offline: it lists files only while connected',
      details: { reason: 'agent_offline' },
    });

    const { agentId, process } = await startAgent('stopped');
    process.kill('SIGSTOP');
    try {
      const startedAt = Date.now();
      const silent = await list(agentId, { path: '' });
      expect(silent.status).toBe(409);
      expect(silent.body.error.message).toBe('Agent "stopped" did not answer in 5 s: try again');
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(4_900);
    } finally {
      process.kill('SIGCONT');
    }
  }, 60_000);

  it("answers another company's user 404, whichever project they name", async () => {
    const { agentId } = await startAgent('private');
    const other = await signUpWithProject(platform.server, 'other-company');
    const paths = [
      `/api/v1/projects/${platform.projectId}/agents/${agentId}/files?path=`,
      `/api/v1/projects/${other.projectId}/agents/${agentId}/files?path=`,
    ];
    for (const path of paths) {
      const answer = await platform.server.request('GET', path, { token: other.token });
      expect(answer.status, path).toBe(404);
    }
  }, 60_000);
});
