import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { agentBundle } from '../../../test/agent-bundle.ts';
import type { LiveServer } from './live-server.ts';

const AGENT_CLI = agentBundle();
const run = promisify(execFile);

/** Real `tcpa-agent` processes and the folders they use; `removeAll` ends them and deletes the folders. */
export class AgentProcesses {
  private readonly dirs: string[] = [];
  private readonly children: ChildProcess[] = [];

  constructor(private readonly dirPrefix: string) {}

  async tempDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), this.dirPrefix));
    this.dirs.push(dir);
    return dir;
  }

  /** Enrols an agent with the CLI (pre-approved token) that serves `root`; returns its state folder and id. */
  async enrol(server: LiveServer, options: { token: string; projectId: string; name: string; root: string }) {
    const dir = await this.tempDir();
    const created = await server.request('POST', `/api/v1/projects/${options.projectId}/enrolment-tokens`, {
      token: options.token,
      body: { preApproved: true },
    });
    const args = ['enrol', '--server', server.url, '--token', created.body.secret, '--state-dir', dir];
    await run(process.execPath, [AGENT_CLI, ...args, '--name', options.name, '--root', options.root], {
      timeout: 20_000,
    });
    const { stdout } = await run(process.execPath, [AGENT_CLI, 'status', '--state-dir', dir, '--json']);
    return { dir, agentId: JSON.parse(stdout).agentId as string };
  }

  /** Runs an enrolled agent (`tcpa-agent run`) until killed. */
  start(stateDir: string): ChildProcess {
    const child = spawn(process.execPath, [AGENT_CLI, 'run', '--state-dir', stateDir], { stdio: 'ignore' });
    this.children.push(child);
    return child;
  }

  /** SIGKILLs every agent still running and waits until each has exited. */
  async killAll(): Promise<void> {
    const running = this.children.splice(0).filter((child) => child.exitCode === null && child.signalCode === null);
    await Promise.all(
      running.map(
        (child) =>
          new Promise<void>((resolve) => {
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
  }

  async removeAll(): Promise<void> {
    await this.killAll();
    for (const dir of this.dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  }
}
