/**
 * A machine of its own for one agent: a network namespace joined to this one by a veth pair,
 * whose cable can be pulled (`partition`) and put back (`heal`). Needs root and iproute2.
 */
import { type ChildProcess, execFile, execFileSync, type SpawnOptions, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PartitionableLink {
  /** The address of this (the host's) side, where the control plane listens. */
  hostAddress: string;
  /** The address of the agent's side, inside the namespace. */
  agentAddress: string;
  namespace: string;
  /** Runs a program inside the namespace; its pid is the program's own (`ip netns exec` execs it). */
  spawnInside(command: string, args: string[], options?: SpawnOptions): ChildProcess;
  /** Takes the namespace's side of the link down: packets to it vanish, it can reach nothing. */
  partition(): Promise<void>;
  heal(): Promise<void>;
  remove(): Promise<void>;
}

export function canMakeNamespaces(): { ok: true } | { ok: false; why: string } {
  if (process.getuid?.() !== 0) return { ok: false, why: 'network namespaces need root' };
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    return { ok: false, why: 'iproute2 (`ip`) is not installed' };
  }
  return { ok: true };
}

async function ip(args: string[]): Promise<void> {
  try {
    await run('ip', args);
  } catch (error) {
    throw new Error(`ip ${args.join(' ')}: ${(error as { stderr?: string }).stderr?.trim() || error}`);
  }
}

/** Free /30 in 10.213.0.0/16: none of this host's addresses is inside it. */
function freeSubnet(): number {
  const used = execFileSync('ip', ['-o', '-4', 'addr'], { encoding: 'utf8' });
  for (let tries = 0; tries < 100; tries += 1) {
    const base = Math.floor(Math.random() * 16384) * 4;
    const third = base >> 8;
    if (!used.includes(`10.213.${third}.`)) return base;
  }
  throw new Error('no free /30 in 10.213.0.0/16');
}

export async function createPartitionableLink(): Promise<PartitionableLink> {
  const tag = `${process.pid % 100000}${Math.floor(Math.random() * 100)}`;
  const namespace = `tcpa-fault-${tag}`;
  const hostSide = `tfh${tag}`.slice(0, 15);
  const agentSide = `tfa${tag}`.slice(0, 15);
  const base = freeSubnet();
  const address = (offset: number) => `10.213.${(base + offset) >> 8}.${(base + offset) & 255}`;
  const hostAddress = address(1);
  const agentAddress = address(2);
  const children: ChildProcess[] = [];

  await ip(['netns', 'add', namespace]);
  try {
    await ip(['link', 'add', hostSide, 'type', 'veth', 'peer', 'name', agentSide]);
    await ip(['link', 'set', agentSide, 'netns', namespace]);
    await ip(['addr', 'add', `${hostAddress}/30`, 'dev', hostSide]);
    await ip(['link', 'set', hostSide, 'up']);
    await ip(['-n', namespace, 'addr', 'add', `${agentAddress}/30`, 'dev', agentSide]);
    await ip(['-n', namespace, 'link', 'set', agentSide, 'up']);
    await ip(['-n', namespace, 'link', 'set', 'lo', 'up']);
  } catch (error) {
    await ip(['netns', 'del', namespace]).catch(() => undefined);
    await ip(['link', 'del', hostSide]).catch(() => undefined);
    throw error;
  }

  return {
    hostAddress,
    agentAddress,
    namespace,
    spawnInside(command, args, options = {}) {
      const child = spawn('ip', ['netns', 'exec', namespace, command, ...args], options);
      children.push(child);
      return child;
    },
    // The host's side stays up, so its address (where the control plane listens) keeps working
    // for everything on the host; packets for the agent go out on a link without carrier.
    partition: () => ip(['-n', namespace, 'link', 'set', agentSide, 'down']),
    heal: () => ip(['-n', namespace, 'link', 'set', agentSide, 'up']),
    async remove() {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await ip(['netns', 'del', namespace]).catch(() => undefined);
      await ip(['link', 'del', hostSide]).catch(() => undefined);
    },
  };
}
