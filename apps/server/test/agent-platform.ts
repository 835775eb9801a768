import type { ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { AgentProcesses } from './agent-processes.ts';
import { type LiveServer, signUpWithProject, startLiveServer } from './live-server.ts';
import { waitUntil } from './wait-until.ts';

/**
 * For a describe block: a live control plane (its own process settings in `env`), an owner's
 * project, and real `tcpa-agent` processes, killed after each test and removed at the end.
 */
export function useAgentPlatform(label: string, env: Record<string, string> = {}) {
  const agents = new AgentProcesses(`tcpa-${label}-e2e-`);
  let server: LiveServer | undefined;
  let token = '';
  let projectId = '';

  beforeAll(async () => {
    server = await startLiveServer({ HEARTBEAT_SECONDS: '2', ...env });
    ({ token, projectId } = await signUpWithProject(server, label));
  });
  afterEach(() => agents.killAll());
  afterAll(async () => {
    await agents.removeAll();
    await server?.close();
  });

  const live = () => {
    if (!server) throw new Error('the control plane is not started yet (use it inside a test)');
    return server;
  };
  /** A request to the project's API as its owner. */
  const api = (method: string, path: string, body?: unknown) =>
    live().request(method, `/api/v1/projects/${projectId}${path}`, { token, body });
  const detail = async (id: string) => (await api('GET', `/transfers/${id}`)).body;
  const waitForState = (id: string, states: string[], timeoutMs = 30_000, what = `state ${states.join('/')}`) =>
    waitUntil(
      what,
      async () => {
        const body = await detail(id);
        return states.includes(body.transfer.state) && body;
      },
      timeoutMs,
    );

  /**
   * Two enrolled agents, started (the destination unless told not to): the source serves
   * `outgoing/<name>` for each of `files`, the destination receives under `incoming`.
   */
  const setUpPair = async (
    name: string,
    files: Record<string, Buffer | string> = {},
    options: { startDestination?: boolean } = {},
  ) => {
    const sourceRoot = await agents.tempDir();
    const destinationRoot = await agents.tempDir();
    await mkdir(join(sourceRoot, 'outgoing'));
    for (const [file, data] of Object.entries(files)) await writeFile(join(sourceRoot, 'outgoing', file), data);
    const enrol = (role: string, root: string) =>
      agents.enrol(live(), { token, projectId, name: `${name}-${role}`, root });
    const source = await enrol('source', sourceRoot);
    const destination = await enrol('destination', destinationRoot);
    const sourceProcess = agents.start(source.dir);
    const destinationProcess: ChildProcess | undefined =
      options.startDestination === false ? undefined : agents.start(destination.dir);
    /** Creates a transfer of `sourcePaths` (default the whole `outgoing` folder) into `incoming`. */
    const createTransfer = async (sourcePaths = ['outgoing'], extra: Record<string, unknown> = {}) => {
      const created = await api('POST', '/transfers', {
        sourceAgentId: source.agentId,
        sourcePaths,
        destinationAgentId: destination.agentId,
        destinationDir: 'incoming',
        ...extra,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.id as string;
    };
    return {
      source,
      destination,
      sourceRoot,
      destinationRoot,
      sourceProcess,
      destinationProcess,
      /** Where `outgoing/<file>` lands on the destination. */
      landedPath: (file: string) => join(destinationRoot, 'incoming', 'outgoing', file),
      createTransfer,
    };
  };

  return {
    agents,
    get server() {
      return live();
    },
    get token() {
      return token;
    },
    get projectId() {
      return projectId;
    },
    api,
    detail,
    waitForState,
    setUpPair,
  };
}
