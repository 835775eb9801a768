import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMathis, checkRateLimit, checkRtt } from './check-physics.ts';
import { listNamespaces, namespaceName } from './netns.ts';
import { startWanLink } from './wan-link.ts';

function missingRequirement(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (network namespaces)';
  if (!existsSync('/dev/net/tun')) return 'needs /dev/net/tun';
  for (const tool of ['ip', 'gcc', 'setpriv', 'sysctl']) {
    if (spawnSync(tool, ['-V']).error) return `needs ${tool} on the PATH`;
  }
  return undefined;
}

const missing = missingRequirement();

describe.skipIf(missing !== undefined)(`WAN link emulator${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('round trips take twice the one-way delay, also after the delay changes mid-run', async () => {
    const link = await startWanLink({ delayMs: 10 });
    try {
      const before = await checkRtt(link, 10);
      await link.set({ delayMs: 30 });
      const after = await checkRtt(link, 30);
      expect(before, JSON.stringify(before)).toMatchObject({ pass: true });
      expect(after, JSON.stringify(after)).toMatchObject({ pass: true });
    } finally {
      await link.stop();
    }
  });

  it('a TCP flow through a 100 Mbit/s limit gets 100 Mbit/s less header overhead', async () => {
    const check = await checkRateLimit(100, 3);
    expect(check, JSON.stringify(check)).toMatchObject({ pass: true });
  });

  it('one CUBIC flow under 1% loss stays within 2x of the Mathis estimate', async () => {
    const check = await checkMathis('cubic', 10, 1, 5);
    expect(check, JSON.stringify(check)).toMatchObject({ pass: true });
  });

  it('leaves no namespace or process behind, and removes what a dead run left', async () => {
    const deadPid = spawnSync('true').pid;
    const stale = namespaceName(deadPid, 1, 'a');
    expect(spawnSync('ip', ['netns', 'add', stale]).status).toBe(0);

    const link = await startWanLink({ cc: 'bbr' });
    expect(await listNamespaces()).not.toContain(stale);
    const { stdout } = await link.exec(link.nsA, 'sysctl', ['-n', 'net.ipv4.tcp_congestion_control']);
    expect(stdout.trim()).toBe('bbr');
    const sleeper = link.spawnIn(link.nsB, 'sleep', ['60']);
    await link.stop();

    expect(sleeper.exitCode !== null || sleeper.signalCode !== null).toBe(true);
    const left = await listNamespaces();
    expect(left).not.toContain(link.nsA);
    expect(left).not.toContain(link.nsB);
  });

  it('rejects bad conditions with a clear error and changes nothing', async () => {
    await expect(startWanLink({ lossPercent: 150 })).rejects.toThrow(/lossPercent/);
    const link = await startWanLink({});
    try {
      await expect(link.set({ delayMs: 5, queueMs: 5, queueBytes: 1000 })).rejects.toThrow(/not both/);
      await expect(link.set({ jitterMs: 5 } as never)).rejects.toThrow(/jitterMs/);
      expect(() => link.spawnIn('elsewhere', 'true')).toThrow(/unknown namespace/);
    } finally {
      await link.stop();
    }
  });
});
