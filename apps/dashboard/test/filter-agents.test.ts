import type { Agent } from '@tcpa/contracts';
import { describe, expect, it } from 'vitest';
import { countByPresence, filterAgents, presenceOf, sortAgents } from '../src/fleet/filter-agents.ts';
import { LiveFleet, SPARKLINE_POINTS } from '../src/fleet/live-fleet.ts';

const projectId = '00000000-0000-4000-8000-0000000000aa';
let n = 0;
function agent(overrides: Partial<Agent>): Agent {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    projectId,
    name: `agent-${n}`,
    status: 'active',
    online: true,
    lastSeenAt: null,
    tags: [],
    hostname: null,
    platform: 'linux-x64',
    version: '0.1.0',
    dataHost: null,
    clockSkewMs: null,
    lastRefusal: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('fleet filters', () => {
  const web = agent({ name: 'web-1', hostname: 'web1.eu', tags: ['eu', 'web'] });
  const db = agent({ name: 'db-1', online: false, tags: ['eu', 'storage'] });
  const fresh = agent({ name: 'new-box', status: 'pending', online: false });
  const gone = agent({ name: 'old', status: 'revoked', online: false });
  const all = [web, db, fresh, gone];

  it('derives presence from status and online', () => {
    expect([web, db, fresh, gone].map(presenceOf)).toEqual(['online', 'offline', 'pending', 'revoked']);
  });

  it('filters by presence and by search words, tag:x matching one tag exactly', () => {
    expect(filterAgents(all, { presence: 'online', search: '' })).toEqual([web]);
    expect(filterAgents(all, { presence: 'pending', search: '' })).toEqual([fresh]);
    // Revoked agents leave the fleet ("all") and are listed on their own.
    expect(filterAgents(all, { presence: 'all', search: '' })).toEqual([web, db, fresh]);
    expect(filterAgents(all, { presence: 'revoked', search: '' })).toEqual([gone]);
    expect(filterAgents(all, { presence: 'all', search: 'EU' })).toEqual([web, db]);
    expect(filterAgents(all, { presence: 'all', search: 'eu stor' })).toEqual([db]);
    expect(filterAgents(all, { presence: 'all', search: 'tag:web' })).toEqual([web]);
    expect(filterAgents(all, { presence: 'all', search: 'tag:we' })).toEqual([]);
    expect(filterAgents(all, { presence: 'all', search: 'web1.eu' })).toEqual([web]);
  });

  it('counts and sorts pending first, then online', () => {
    expect(countByPresence(all)).toEqual({ all: 3, online: 1, offline: 1, pending: 1, revoked: 1 });
    expect(sortAgents([...all]).map((a) => a.name)).toEqual(['new-box', 'web-1', 'db-1', 'old']);
  });
});

describe('LiveFleet', () => {
  it('follows the agent list: a changed agent bumps only its own row, a missing one goes', () => {
    let notified = 0;
    const fleet = new LiveFleet(projectId, () => notified++);
    expect(fleet.loaded).toBe(false);
    fleet.sync([]);
    expect(fleet.loaded).toBe(true);
    const a = agent({ name: 'a' });
    const b = agent({ id: '00000000-0000-4000-8000-0000000000b2', name: 'b' });
    fleet.sync([a, b]);
    const versionOfB = fleet.byId.get(b.id)?.version;
    fleet.sync([{ ...a, tags: ['x'] }, b]);
    expect(fleet.byId.get(a.id)?.agent.tags).toEqual(['x']);
    expect(fleet.byId.get(b.id)?.version).toBe(versionOfB);
    const before = notified;
    fleet.sync([fleet.byId.get(a.id)?.agent as Agent, b]);
    expect(notified).toBe(before);
    fleet.sync([b]);
    expect([...fleet.byId.keys()]).toEqual([b.id]);
  });

  it('applies telemetry to the right agent, keeping a bounded sparkline', () => {
    let notified = 0;
    const fleet = new LiveFleet(projectId, () => notified++);
    const a = agent({ online: false });
    fleet.sync([a]);
    const samples = Array.from({ length: SPARKLINE_POINTS + 5 }, (_, i) => ({
      seq: i,
      ts: 1_700_000_000_000 + i * 1000,
      cpuPct: 1,
      memUsedBytes: 1,
      memTotalBytes: 2,
      diskFreeBytes: 3,
      netRxBytes: 0,
      netTxBytes: 0,
      activeTransfers: 0,
      throughputBps: i,
      rttMs: 1,
      errors: 0,
      droppedSamples: 0,
    }));
    fleet.apply({ type: 'telemetry', projectId, batches: [{ agentId: a.id, samples }] });
    const live = fleet.byId.get(a.id);
    expect(live?.throughput).toHaveLength(SPARKLINE_POINTS);
    expect(live?.throughput.at(-1)).toBe(SPARKLINE_POINTS + 4);
    expect(live?.latest?.seq).toBe(SPARKLINE_POINTS + 4);
    expect(live?.agent.online).toBe(true);
    // The same list again (the cache's agent still says offline) keeps what telemetry showed.
    fleet.sync([a]);
    expect(fleet.byId.get(a.id)?.agent.online).toBe(true);
    // Another project's telemetry is ignored.
    const otherProject = '00000000-0000-4000-8000-0000000000bb';
    fleet.apply({ type: 'telemetry', projectId: otherProject, batches: [{ agentId: a.id, samples }] });
    expect(fleet.byId.get(a.id)?.throughput).toHaveLength(SPARKLINE_POINTS);
    expect(notified).toBe(2);
  });
});
