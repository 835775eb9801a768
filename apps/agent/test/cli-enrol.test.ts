import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EnrolBodySchema, type EnrolResponse } from '@tcpa/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { agentBundle } from '../../../test/agent-bundle.ts';
import { readAgentState } from '../src/state/agent-state.ts';
import { type EnrolRequestSeen, enrolEndpoint } from './support/enrol-endpoint.ts';
import { runCli } from './support/run-cli.ts';
import { useTempDirs } from './support/temp-dir.ts';
import { startTestWsServer } from './support/ws-server.ts';

const tempDir = useTempDirs();
const servers: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

function cannedResponse(status: EnrolResponse['status'] = 'pending'): EnrolResponse {
  return {
    agentId: randomUUID(),
    projectId: randomUUID(),
    companyId: randomUUID(),
    status,
    tags: ['linux'],
    config: { telemetryIntervalMs: 5_000, planId: 'free' },
  };
}

async function controlPlane(reply: (body: unknown) => { status: number; body: unknown }) {
  const seen: EnrolRequestSeen[] = [];
  const server = await startTestWsServer({ onRequest: enrolEndpoint(reply, seen) });
  servers.push(server);
  return { url: server.httpUrl, seen };
}

describe('tcpa-agent enrol', () => {
  it('sends the public key with the token and saves the enrolment (0600) when the server answers 201', async () => {
    const response = cannedResponse('pending');
    const server = await controlPlane(() => ({ status: 201, body: response }));
    const stateDir = join(tempDir(), 'state');
    const root = tempDir();

    const result = await runCli([
      'enrol',
      '--server',
      `${server.url}/`,
      '--token',
      'tcpe_secret',
      '--name',
      'build-01',
      '--root',
      root,
      '--state-dir',
      stateDir,
    ]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Enrolled as agent ${response.agentId}`);
    expect(result.stdout).toContain('pending approval');
    expect(result.stdout).toContain('tcpa-agent run');
    expect(result.stdout).not.toContain('tcpe_secret');

    expect(server.seen).toHaveLength(1);
    const request = server.seen[0];
    expect(request).toMatchObject({ method: 'POST', url: '/api/v1/agents/enrol', contentType: 'application/json' });
    const body = EnrolBodySchema.parse(request?.body); // strict: a private key field would fail here
    expect(body).toMatchObject({ token: 'tcpe_secret', name: 'build-01', version: '0.1.0' });
    expect(body.platform).toBe(`${process.platform}-${process.arch}`);

    const path = join(stateDir, 'agent.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
    const state = readAgentState(stateDir);
    expect(state).toMatchObject({
      serverUrl: server.url,
      agentId: response.agentId,
      projectId: response.projectId,
      companyId: response.companyId,
      name: 'build-01',
      roots: [root],
      status: 'pending',
      config: response.config,
    });
    expect(state.publicKeyJwk).toEqual(body.publicKey);
    expect(state.privateKeyJwk.x).toBe(body.publicKey.x);
  });

  it('refuses to replace an enrolment without --force, and replaces it with --force', async () => {
    const responses = [cannedResponse('pending'), cannedResponse('active')];
    const server = await controlPlane(() => ({ status: 201, body: responses[server.seen.length - 1] }));
    const stateDir = tempDir();
    const args = ['enrol', '--server', server.url, '--token', 't', '--state-dir', stateDir];
    expect((await runCli(args)).code).toBe(0);
    writeFileSync(join(stateDir, 'outbox.jsonl'), '{"ack":1}\n');

    const again = await runCli(args);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`already enrolled as agent ${responses[0]?.agentId}`);
    expect(again.stderr).toContain('--force');
    expect(server.seen).toHaveLength(1); // the token was not spent
    expect(readAgentState(stateDir).agentId).toBe(responses[0]?.agentId);

    const forced = await runCli([...args, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('Status: active');
    expect(readAgentState(stateDir).agentId).toBe(responses[1]?.agentId);
    expect(existsSync(join(stateDir, 'outbox.jsonl'))).toBe(false); // the old agent's telemetry is gone
  });

  it('prints the plan limit message and exits 1 when the server answers 402 plan_limit', async () => {
    const message = 'Your Free plan allows at most 2 agents. Upgrade to Starter for up to 10.';
    const server = await controlPlane(() => ({ status: 402, body: { error: { code: 'plan_limit', message } } }));
    const stateDir = tempDir();
    const result = await runCli(['enrol', '--server', server.url, '--token', 't', '--state-dir', stateDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Enrolment refused: ${message}`);
    expect(existsSync(join(stateDir, 'agent.json'))).toBe(false);
  });

  it('shows the reason of other refusals (expired token, 410)', async () => {
    const server = await controlPlane(() => ({
      status: 410,
      body: { error: { code: 'gone', message: 'This enrolment token has expired.' } },
    }));
    const result = await runCli(['enrol', '--server', server.url, '--token', 't', '--state-dir', tempDir()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Enrolment refused: This enrolment token has expired.');
  });

  it('names the URL when the server cannot be reached', async () => {
    const server = await controlPlane(() => ({ status: 500, body: {} }));
    const url = server.url;
    await servers.splice(0)[0]?.close(); // now nothing listens there
    const result = await runCli(['enrol', '--server', url, '--token', 't', '--state-dir', tempDir()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Could not reach the server at ${url}/api/v1/agents/enrol`);
    expect(result.stderr).toContain('ECONNREFUSED');
  });

  it("refuses a root that holds or sits in the agent's state or program folder, before spending the token", async () => {
    const server = await controlPlane(() => ({ status: 201, body: cannedResponse() }));
    const home = tempDir();
    const stateDir = join(home, '.tcpa-agent');
    mkdirSync(join(stateDir, 'inbox'), { recursive: true });
    // The test run's bundle, in a bin folder of its own as install.sh puts it (~/.tcpa-agent/bin).
    const program = dirname(agentBundle());
    const cases: Array<[string, string]> = [
      [home, `--root: ${home} contains the agent's state folder (it holds the agent's private key), ${stateDir}`],
      [join(stateDir, 'inbox'), `--root: ${join(stateDir, 'inbox')} is inside the agent's state folder`],
      [dirname(program), `contains the agent's program folder, ${program}`],
      [program, `is inside the agent's program folder, ${program}`],
    ];
    for (const [root, message] of cases) {
      const result = await runCli([
        'enrol',
        '--server',
        server.url,
        '--token',
        't',
        '--state-dir',
        stateDir,
        '--root',
        root,
      ]);
      expect(result.code, root).toBe(2);
      expect(result.stderr, root).toContain(message);
      expect(result.stderr, root).toContain("a transfer could copy the agent's key or replace its program");
    }
    expect(server.seen).toHaveLength(0);
    expect(existsSync(join(stateDir, 'agent.json'))).toBe(false);

    const withoutRoot = await runCli(['enrol', '--server', server.url, '--token', 't', '--state-dir', stateDir]);
    expect(withoutRoot.code).toBe(0);
    expect(withoutRoot.stdout).toContain(
      `No transfer root: this agent refuses transfers until you add one with \`tcpa-agent roots add DIR --state-dir "${stateDir}"\``,
    );
    expect(readAgentState(stateDir).roots).toEqual([]);
  }, 60_000);

  it('rejects a bad command line with a clear message and exit code 2', async () => {
    const stateDir = tempDir();
    const missing = await runCli(['enrol', '--token', 't', '--state-dir', stateDir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--server: is required');

    const badUrl = await runCli(['enrol', '--server', 'ftp://x', '--token', 't', '--state-dir', stateDir]);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('--server: must be an http:// or https:// URL');

    const unknown = await runCli(['enrol', '--tokne', 't']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--tokne'");

    const notDir = join(stateDir, 'nope');
    const badRoot = await runCli(['enrol', '--server', 'http://x', '--token', 't', '--root', notDir]);
    expect(badRoot.code).toBe(2);
    expect(badRoot.stderr).toContain(`--root: ${notDir} is not a directory`);

    const help = await runCli(['enrol', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: tcpa-agent enrol');
    expect(existsSync(join(stateDir, 'agent.json'))).toBe(false);
  });
});
