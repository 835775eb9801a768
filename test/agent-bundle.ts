import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAgentBundle } from '../apps/agent/build-bundle.ts';

const AGENT_BUNDLE_ENV = 'TCPA_TEST_AGENT_BUNDLE';

/**
 * Builds the agent as users get it (the single-file bundle) once per test run, for the tests that
 * run agent processes: started through tsx, each process spent about a second more of CPU
 * compiling the sources than the bundle takes to start. Returns the cleanup.
 */
export async function prepareAgentBundle(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'tcpa-test-agent-'));
  // Some tests run an agent as another user (nobody): mkdtemp's 0700 would refuse it.
  await chmod(dir, 0o755);
  // In a folder of its own, as install.sh puts it (~/.tcpa-agent/bin): the agent refuses roots around it.
  const bundle = join(dir, 'bin', 'tcpa-agent.mjs');
  await buildAgentBundle(bundle);
  process.env[AGENT_BUNDLE_ENV] = bundle;
  return () => rm(dir, { recursive: true, force: true });
}

/** The agent bundle of this test run (built by the global setup). */
export function agentBundle(): string {
  const bundle = process.env[AGENT_BUNDLE_ENV];
  if (!bundle)
    throw new Error(`${AGENT_BUNDLE_ENV} is not set: run the tests through vitest (its global setup builds the agent)`);
  return bundle;
}
