import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTools } from '../src/create-mcp-server.ts';
import { TCPA_BIN } from './support/mcp-clients.ts';
import { type Platform, startPlatform } from './support/platform-fixture.ts';

const run = promisify(execFile);
const INSPECTOR = ['../node_modules/.bin/mcp-inspector', '../../../node_modules/.bin/mcp-inspector']
  .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
  .find((path) => existsSync(path));

/** The official MCP Inspector, installed from npm, in CLI mode against the running server. */
describe('MCP Inspector CLI', () => {
  let platform: Platform;
  let home: string;
  const inspect = async (args: string[]) => {
    // Its own HOME: the Inspector keeps state under ~/.mcp-inspector.
    const { stdout } = await run(INSPECTOR as string, ['--cli', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: home },
      timeout: 20_000,
    });
    return JSON.parse(stdout);
  };

  beforeAll(async () => {
    platform = await startPlatform();
    home = await mkdtemp(join(tmpdir(), 'tcpa-inspector-'));
  });
  afterAll(async () => {
    await platform?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('is installed', () => {
    expect(INSPECTOR, 'npm ci installs @modelcontextprotocol/inspector').toBeDefined();
  });

  it('lists the tools and calls one over Streamable HTTP', async () => {
    const target = [
      `${platform.server.url}/mcp`,
      '--transport',
      'http',
      '--header',
      `Authorization: Bearer ${platform.keys.full}`,
    ];
    const { tools } = await inspect([...target, '--method', 'tools/list']);
    expect(tools.map((tool: { name: string }) => tool.name)).toEqual(
      expect.arrayContaining(['list_projects', 'fleet_health_report', 'cancel_transfer']),
    );
    const result = await inspect([
      ...target,
      '--method',
      'tools/call',
      '--tool-name',
      'list_agents',
      '--tool-arg',
      `projectId=${platform.projectA}`,
      '--tool-arg',
      'online=true',
    ]);
    expect(result.isError ?? false).toBe(false);
    expect(result.structuredContent.agents.map((a: { name: string }) => a.name).sort()).toEqual([
      'destination',
      'source',
    ]);
  });

  it('lists the tools of the tcpa mcp process over stdio', async () => {
    const { tools } = await inspect([
      '-e',
      `TCPA_API_KEY=${platform.keys.readOnly}`,
      '--method',
      'tools/list',
      '--',
      process.execPath,
      TCPA_BIN,
      'mcp',
      '--server',
      platform.server.url,
    ]);
    // Every tool of the catalogue, whatever is added later.
    expect(tools.map((tool: { name: string }) => tool.name).sort()).toEqual(allTools.map((tool) => tool.name).sort());
  });
});
