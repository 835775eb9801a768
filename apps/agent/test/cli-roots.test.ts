import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readAgentState, writeAgentState } from '../src/state/agent-state.ts';
import { enrolEndpoint } from './support/enrol-endpoint.ts';
import { runCli } from './support/run-cli.ts';
import { useTempDirs } from './support/temp-dir.ts';
import { startTestWsServer } from './support/ws-server.ts';

const tempDir = useTempDirs();
const servers: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function enrolWithoutRoot(stateDir: string) {
  const server = await startTestWsServer({
    onRequest: enrolEndpoint(
      () => ({
        status: 201,
        body: {
          agentId: randomUUID(),
          projectId: randomUUID(),
          companyId: randomUUID(),
          status: 'active',
          tags: [],
          config: { telemetryIntervalMs: 5_000, planId: 'free' },
        },
      }),
      [],
    ),
  });
  servers.push(server);
  expect((await runCli(['enrol', '--server', server.httpUrl, '--token', 't', '--state-dir', stateDir])).code).toBe(0);
}

describe('tcpa-agent roots', () => {
  it("adds, lists and removes roots without enrolling again, never the agent's own folders", async () => {
    const home = tempDir();
    const stateDir = join(home, '.tcpa-agent');
    await enrolWithoutRoot(stateDir);
    const roots = (...args: string[]) => runCli(['roots', ...args, '--state-dir', stateDir]);
    expect((await runCli(['status', '--state-dir', stateDir])).stdout).toMatch(
      /roots\s+none: transfers are refused \(add one with `tcpa-agent roots add DIR`\)/,
    );
    expect((await roots()).stdout).toBe('No transfer root: this agent refuses transfers.\n');

    const [photos, backups] = [join(home, 'photos'), join(home, 'backups')];
    mkdirSync(photos);
    mkdirSync(backups);
    const added = await roots('add', photos, backups, photos);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(`Transfer roots: ${photos}, ${backups}.`);
    expect(added.stdout).toContain('from its next start');
    expect(readAgentState(stateDir).roots).toEqual([photos, backups]);

    const refused = await roots('add', home);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`add: ${home} contains the agent's state folder`);
    const missing = await roots('add', join(home, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${join(home, 'nope')} is not a directory`);
    expect(readAgentState(stateDir).roots).toEqual([photos, backups]);

    // An older version accepted the home folder as a root: listed, and said to be not served.
    writeAgentState(stateDir, { ...readAgentState(stateDir), roots: [photos, home] });
    const listed = await roots('list');
    expect(listed.stdout).toBe(
      `${photos}\n${home} (not served: ${home} contains the agent's state folder (it holds the agent's private key), ${stateDir})\n`,
    );
    const removed = await roots('remove', home);
    expect(removed.code).toBe(0);
    expect(readAgentState(stateDir).roots).toEqual([photos]);
    const notThere = await roots('remove', backups);
    expect(notThere.code).toBe(1);
    expect(notThere.stderr).toContain(`Not a root of this agent: ${backups}. Its roots: ${photos}.`);

    expect((await roots('rename', photos)).stderr).toContain('unknown action "rename" (list, add or remove)');
    expect((await roots('add')).stderr).toContain('add needs at least one folder');
  }, 120_000); // a dozen CLI processes, a few seconds each on a busy machine

  it('waits until the agent is stopped: the running agent would write its old roots back', async () => {
    const stateDir = tempDir();
    await enrolWithoutRoot(stateDir);
    writeFileSync(join(stateDir, 'run.lock'), `${process.pid}\n`); // this test process is alive
    const root = tempDir();
    const result = await runCli(['roots', 'add', root, '--state-dir', stateDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`(pid ${process.pid}) is already running`);
    expect(result.stderr).toContain('stop it, change the roots, then start it again');
    expect(readAgentState(stateDir).roots).toEqual([]);
  });
});
