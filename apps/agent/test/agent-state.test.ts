import { randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAgentKeyPair } from '../src/auth/key-pair.ts';
import { type AgentState, isEnrolled, readAgentState, writeAgentState } from '../src/state/agent-state.ts';
import { useTempDirs } from './support/temp-dir.ts';

const tempDir = useTempDirs();

async function sampleState(): Promise<AgentState> {
  return {
    serverUrl: 'https://tcpa.example.com',
    agentId: randomUUID(),
    projectId: randomUUID(),
    companyId: randomUUID(),
    name: 'build-01',
    ...(await createAgentKeyPair()),
    roots: [],
    status: 'pending',
    config: { telemetryIntervalMs: 5_000, planId: 'free' },
    enrolledAt: new Date().toISOString(),
  };
}

describe('agent state file', () => {
  it('is written with mode 0600 in a 0700 directory it creates, and reads back', async () => {
    const stateDir = join(tempDir(), 'nested', 'state');
    const state = await sampleState();
    expect(isEnrolled(stateDir)).toBe(false);
    writeAgentState(stateDir, state);
    expect(statSync(join(stateDir, 'agent.json')).mode & 0o777).toBe(0o600);
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
    expect(isEnrolled(stateDir)).toBe(true);
    expect(readAgentState(stateDir)).toEqual(state);
  });

  it('is replaced atomically: a new file renamed over the old, no temporary file left', async () => {
    const stateDir = tempDir();
    const state = await sampleState();
    writeAgentState(stateDir, state);
    const before = statSync(join(stateDir, 'agent.json')).ino;
    writeAgentState(stateDir, { ...state, status: 'active' });
    const after = statSync(join(stateDir, 'agent.json'));
    expect(after.ino).not.toBe(before);
    expect(after.mode & 0o777).toBe(0o600);
    expect(readdirSync(stateDir)).toEqual(['agent.json']);
    expect(readAgentState(stateDir).status).toBe('active');
  });

  it('says how to enrol when there is no state, and refuses a damaged file', async () => {
    const stateDir = tempDir();
    expect(() => readAgentState(stateDir)).toThrow(/not enrolled.*tcpa-agent enrol/);
    const state = await sampleState();
    expect(() => writeAgentState(stateDir, { ...state, agentId: 'not-a-uuid' })).toThrow();
    expect(isEnrolled(stateDir)).toBe(false);
  });
});
