import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EnrolBodySchema, type EnrolResponse } from '@tcpa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAgentState } from '../src/state/agent-state.ts';
import { REPO_ROOT } from './support/run-cli.ts';
import { useTempDirs } from './support/temp-dir.ts';

const run = promisify(execFile);
const tempDir = useTempDirs();
const TEMPLATE = join(REPO_ROOT, 'apps/agent/install.sh.template');

/** Runs a program to completion; resolves with its exit code and output whatever the code. */
async function exec(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  try {
    const { stdout, stderr } = await run(file, args, { ...options, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

let bundleDir = '';
let bundle = '';
beforeAll(async () => {
  // A directory outside the repository: no node_modules anywhere above the bundle.
  bundleDir = join('/tmp', `tcpa-agent-bundle-${randomUUID()}`);
  mkdirSync(bundleDir);
  bundle = join(bundleDir, 'tcpa-agent.mjs');
  const built = await exec(process.execPath, ['--import', 'tsx', 'apps/agent/build.ts', '--outfile', bundle], {
    cwd: REPO_ROOT,
  });
  expect(built.stderr).toBe('');
  expect(built.code).toBe(0);
}, 120_000);
afterAll(async () => {
  await run('rm', ['-rf', bundleDir]);
});

describe('the bundled agent (dist/tcpa-agent.mjs)', () => {
  it('runs on its own, without node_modules', async () => {
    expect(statSync(bundle).mode & 0o111).not.toBe(0);
    expect(readFileSync(bundle, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(existsSync(join(bundleDir, 'node_modules')) || existsSync('/tmp/node_modules')).toBe(false);
    const help = await exec(bundle, ['--help'], { cwd: bundleDir });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('tcpa-agent enrol --server URL --token TOKEN');
    expect((await exec(process.execPath, [bundle, '--version'], { cwd: bundleDir })).stdout).toBe('0.1.0\n');
  });
});

describe('install.sh', () => {
  let serverUrl = '';
  const enrolments: unknown[] = [];
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/agent/tcpa-agent.mjs') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(bundle));
      return;
    }
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/api/v1/agents/enrol') {
        response.writeHead(404).end();
        return;
      }
      enrolments.push(JSON.parse(body));
      const answer: EnrolResponse = {
        agentId: randomUUID(),
        projectId: randomUUID(),
        companyId: randomUUID(),
        status: 'active',
        tags: [],
        config: { telemetryIntervalMs: 10_000, planId: 'free' },
      };
      response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function renderScript(dir: string): string {
    const path = join(dir, 'install.sh');
    writeFileSync(path, readFileSync(TEMPLATE, 'utf8').replaceAll('__SERVER_URL__', serverUrl));
    return path;
  }

  it('downloads the agent, enrols this machine with its transfer roots and says how to start it', async () => {
    const home = tempDir();
    const stateDir = join(home, 'state dir');
    const roots = [join(home, "it's shared"), join(home, 'inbox $HOME')];
    for (const root of roots) mkdirSync(root);
    const script = renderScript(home);
    const args = ['--token', 'tcpe_abc', '--name', 'my agent', '--state-dir', stateDir];
    const result = await exec('sh', [script, ...args, '--root', roots[0] as string, `--root=${roots[1]}`], {
      env: { PATH: process.env.PATH, HOME: home, TCPA_AGENT_HOME: join(home, 'agent home') },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const installed = join(home, 'agent home', 'bin', 'tcpa-agent');
    expect(statSync(installed).mode & 0o111).not.toBe(0);
    expect(statSync(join(home, 'agent home')).mode & 0o777).toBe(0o700);
    expect(result.stdout).toContain('Enrolled as agent');
    expect(result.stdout).toContain(`'${installed}' run --state-dir '${stateDir}'`);
    // The closing hint is the exact command: run as printed, it finds this enrolment.
    const statusCommand = /check it with:\n {2}(.+)\n/.exec(result.stdout)?.[1];
    expect(statusCommand).toBe(`'${installed}' status --state-dir '${stateDir}'`);
    const status = await exec('sh', ['-c', statusCommand as string], {
      env: { PATH: process.env.PATH, HOME: tempDir() },
    });
    expect(status.stderr).not.toContain('not enrolled');
    expect(status.stdout).toContain('my agent');
    expect(EnrolBodySchema.parse(enrolments.at(-1))).toMatchObject({ token: 'tcpe_abc', name: 'my agent' });
    expect(readAgentState(stateDir)).toMatchObject({ serverUrl, name: 'my agent', status: 'active', roots });
  });

  it('asks for a transfer root before downloading anything, and for one that exists', async () => {
    const home = tempDir();
    const env = { PATH: process.env.PATH, HOME: home };
    const withoutRoot = await exec('sh', [renderScript(home), '--token', 'tcpe_abc'], { env });
    expect(withoutRoot.code).toBe(2);
    expect(withoutRoot.stderr).toContain(
      'tcpa-agent install: --root is required: the folder transfers may read from and write into, e.g. --root /srv/transfers',
    );
    const missing = join(home, 'nowhere');
    const notThere = await exec('sh', [renderScript(home), '--token', 'tcpe_abc', '--root', missing], { env });
    expect(notThere.code).toBe(1);
    expect(notThere.stderr).toContain(`--root ${missing} is not a folder on this machine`);
    expect(existsSync(join(home, '.tcpa-agent'))).toBe(false);
    expect(enrolments).toHaveLength(1); // only the install above enrolled
  });

  it("refuses (at enrol) a root that holds the agent's own folder", async () => {
    const home = tempDir();
    const result = await exec('sh', [renderScript(home), '--token', 'tcpe_abc', '--root', home], {
      env: { PATH: process.env.PATH, HOME: home },
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`--root: ${home} contains the agent's state folder`);
    expect(existsSync(join(home, '.tcpa-agent', 'agent.json'))).toBe(false);
  });

  it('stops with a clear message when Node.js is older than 20', async () => {
    const home = tempDir();
    const fakeBin = join(home, 'bin');
    mkdirSync(fakeBin);
    writeFileSync(join(fakeBin, 'node'), '#!/bin/sh\nif [ "$1" = "-p" ]; then echo 18; else echo v18.20.0; fi\n');
    chmodSync(join(fakeBin, 'node'), 0o755);
    const result = await exec('sh', [renderScript(home), '--token', 't', '--root', home], {
      env: { PATH: `${fakeBin}:${process.env.PATH}`, HOME: home },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Node.js 20 or later is required; this machine has v18.20.0');
    expect(existsSync(join(home, '.tcpa-agent'))).toBe(false);
  });

  it('asks for the token', async () => {
    const home = tempDir();
    const result = await exec('sh', [renderScript(home)], { env: { PATH: process.env.PATH, HOME: home } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--token is required');
  });
});
