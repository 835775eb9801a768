/**
 * An emulated WAN link between two network namespaces, for benchmarks (see README.md).
 *
 *   const link = await startWanLink({ delayMs: 25, lossPercent: 0.5, rateMbit: 1000, cc: 'cubic' });
 *   const receiver = link.spawnIn(link.nsB, 'node', [...]);   // listens on link.addrB
 *   await link.set({ lossPercent: 1 });                        // conditions change mid-transfer
 *   await link.stop();
 *
 * Needs root and /dev/net/tun. Namespaces and processes are removed by stop(), on process exit
 * and SIGINT/SIGTERM, and (after a crash) by the next startWanLink of any process.
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { ensureWanlinkBinary } from './build-wanlink.ts';
import { deleteNamespace, deleteNamespaceSync, ip, namespaceName, removeStaleNamespaces } from './netns.ts';
import { type WanLinkStats, WanlinkProcess } from './wanlink-process.ts';

export type { PipeStats, WanLinkStats } from './wanlink-process.ts';

const conditionsShape = {
  /** One-way delay, applied in each direction (RTT = 2 × delayMs). */
  delayMs: z.number().min(0).max(10_000).optional(),
  /** Random loss per packet, in each direction. */
  lossPercent: z.number().min(0).max(100).optional(),
  /** Link rate in each direction (IP bytes); 0 = unlimited. */
  rateMbit: z.number().min(0).max(100_000).optional(),
  /** Drop-tail queue in front of the rate limiter: as time at the link rate, or in bytes. */
  queueMs: z.number().positive().max(10_000).optional(),
  queueBytes: z.number().int().positive().optional(),
};
const oneQueueLimit = (conditions: { queueMs?: number; queueBytes?: number }) =>
  conditions.queueMs === undefined || conditions.queueBytes === undefined;
const ONE_QUEUE_LIMIT = { message: 'give queueMs or queueBytes, not both' };

export const WanConditionsSchema = z.object(conditionsShape).strict().refine(oneQueueLimit, ONE_QUEUE_LIMIT);
export type WanConditions = z.infer<typeof WanConditionsSchema>;

export const CongestionControlSchema = z.enum(['cubic', 'bbr', 'reno']);
export type CongestionControl = z.infer<typeof CongestionControlSchema>;

export const WanLinkOptionsSchema = z
  .object({
    ...conditionsShape,
    /** TCP congestion control in both namespaces. */
    cc: CongestionControlSchema.default('cubic'),
    /** MTU of both TUN devices (1500 gives the MSS of a real WAN path: 1448 with timestamps). */
    mtu: z.number().int().min(576).max(65535).default(1500),
    /** Seed of the loss generator, for repeatable runs. */
    seed: z.number().int().min(0).optional(),
  })
  .strict()
  .refine(oneQueueLimit, ONE_QUEUE_LIMIT);
export type WanLinkOptions = z.input<typeof WanLinkOptionsSchema>;

export interface WanLink {
  readonly nsA: string;
  readonly nsB: string;
  /** Addresses of the TUN device in namespace A and in namespace B. */
  readonly addrA: string;
  readonly addrB: string;
  readonly mtu: number;
  /** Runs a command inside a namespace to completion; rejects with its stderr if it fails. */
  exec(ns: string, command: string, args?: readonly string[]): Promise<{ stdout: string; stderr: string }>;
  /** Starts a long-running process inside a namespace; stop() kills it if it is still running. */
  spawnIn(ns: string, command: string, args?: readonly string[], options?: SpawnOptions): ChildProcess;
  /** Changes any subset of the conditions, at once, while traffic flows. */
  set(conditions: WanConditions): Promise<void>;
  setCongestionControl(cc: CongestionControl): Promise<void>;
  /** Packet counters per direction since start. */
  stats(): Promise<WanLinkStats>;
  stop(): Promise<void>;
}

export const ADDRESS_A = '10.77.0.1';
export const ADDRESS_B = '10.77.0.2';
const DEVICE = 'wan0';
// Autotuning may grow TCP buffers to 64 MiB: above 2 × BDP of 1 Gbit/s × 200 ms.
const TCP_BUFFERS = '4096 131072 67108864';

export function settingWords(conditions: WanConditions): string[] {
  const words: string[] = [];
  if (conditions.delayMs !== undefined) words.push(`delay=${conditions.delayMs}ms`);
  if (conditions.lossPercent !== undefined) words.push(`loss=${conditions.lossPercent}%`);
  if (conditions.rateMbit !== undefined) words.push(`rate=${conditions.rateMbit}mbit`);
  if (conditions.queueMs !== undefined) words.push(`queue=${conditions.queueMs}ms`);
  if (conditions.queueBytes !== undefined) words.push(`queue=${conditions.queueBytes}b`);
  return words;
}

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new Error(`invalid ${what}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const activeLinks = new Set<{ killSync(): void }>();
let linkCount = 0;

function onExit(): void {
  for (const link of activeLinks) link.killSync();
}

function onSignal(signal: NodeJS.Signals): void {
  onExit();
  process.off(signal, onSignal);
  // Nobody else handles this signal: terminate as the default action would.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function watchProcessEnd(watch: boolean): void {
  const method = watch ? 'on' : 'off';
  process[method]('exit', onExit);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process[method](signal, onSignal);
}

export async function startWanLink(options: WanLinkOptions = {}): Promise<WanLink> {
  const { cc, mtu, seed, ...conditions } = parseOrThrow(WanLinkOptionsSchema, options, 'WAN link options');
  if (conditions.queueMs === undefined && conditions.queueBytes === undefined) {
    conditions.queueMs = Math.max(2 * (conditions.delayMs ?? 0), 10); // one RTT: the classic BDP buffer
  }
  await removeStaleNamespaces();
  const binary = await ensureWanlinkBinary();
  linkCount += 1;
  const nsA = namespaceName(process.pid, linkCount, 'a');
  const nsB = namespaceName(process.pid, linkCount, 'b');
  const children = new Set<ChildProcess>();
  const namespaces: string[] = [];
  let wanlink: WanlinkProcess | undefined;

  const cleanup = {
    killSync() {
      for (const child of children) child.kill('SIGKILL');
      wanlink?.killSync();
      for (const ns of namespaces) deleteNamespaceSync(ns);
    },
  };
  if (activeLinks.size === 0) watchProcessEnd(true);
  activeLinks.add(cleanup);

  const stop = async () => {
    if (!activeLinks.delete(cleanup)) return;
    if (activeLinks.size === 0) watchProcessEnd(false);
    await Promise.all([...children].map(stopChild));
    await wanlink?.stop();
    for (const ns of namespaces) await deleteNamespace(ns).catch(() => undefined);
  };

  const checkNamespace = (ns: string) => {
    if (ns !== nsA && ns !== nsB) throw new Error(`unknown namespace ${ns}: this link has ${nsA} and ${nsB}`);
  };

  const spawnIn = (ns: string, command: string, args: readonly string[] = [], spawnOptions: SpawnOptions = {}) => {
    checkNamespace(ns);
    // setpriv --pdeathsig: the process dies with us even if we are SIGKILLed.
    const child = spawn('ip', ['netns', 'exec', ns, 'setpriv', '--pdeathsig', 'KILL', command, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...spawnOptions,
    });
    children.add(child);
    child.once('exit', () => children.delete(child));
    child.once('error', () => children.delete(child));
    return child;
  };

  const exec = (ns: string, command: string, args: readonly string[] = []) =>
    new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawnIn(ns, command, args);
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.once('error', reject);
      child.once('close', (code, signal) => {
        if (code === 0) resolve({ stdout, stderr });
        else reject(new Error(`${command} ${args.join(' ')} in ${ns} failed (${signal ?? code}): ${stderr.trim()}`));
      });
    });

  const setCongestionControl = async (algorithm: CongestionControl) => {
    parseOrThrow(CongestionControlSchema, algorithm, 'congestion control');
    await allowCongestionControl(algorithm);
    for (const ns of [nsA, nsB]) await exec(ns, 'sysctl', ['-qw', `net.ipv4.tcp_congestion_control=${algorithm}`]);
  };

  try {
    for (const ns of [nsA, nsB]) {
      await ip(['netns', 'add', ns]);
      namespaces.push(ns);
    }
    const initialSettings = [...settingWords(conditions), ...(seed === undefined ? [] : [`seed=${seed}`])];
    await allowCongestionControl(cc);
    wanlink = await WanlinkProcess.start(binary, [nsA, nsB, DEVICE, String(mtu), ...initialSettings]);
    for (const [ns, local, peer] of [
      [nsA, ADDRESS_A, ADDRESS_B],
      [nsB, ADDRESS_B, ADDRESS_A],
    ] as const) {
      await exec(ns, 'sysctl', [
        '-qw',
        `net.ipv4.tcp_congestion_control=${cc}`,
        `net.ipv4.tcp_rmem=${TCP_BUFFERS}`,
        `net.ipv4.tcp_wmem=${TCP_BUFFERS}`,
        // Each run starts from a clean path: no ssthresh or RTT remembered from the previous one.
        'net.ipv4.tcp_no_metrics_save=1',
        // IPv6 would add router solicitations and DAD traffic to the link.
        'net.ipv6.conf.all.disable_ipv6=1',
        'net.ipv6.conf.default.disable_ipv6=1',
      ]);
      await ip(['-n', ns, 'link', 'set', 'lo', 'up']);
      await ip(['-n', ns, 'addr', 'add', local, 'peer', peer, 'dev', DEVICE]);
      await ip(['-n', ns, 'link', 'set', DEVICE, 'mtu', String(mtu), 'txqueuelen', '10000', 'up']);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const running = wanlink;
  return {
    nsA,
    nsB,
    addrA: ADDRESS_A,
    addrB: ADDRESS_B,
    mtu,
    exec,
    spawnIn,
    async set(changes) {
      const words = settingWords(parseOrThrow(WanConditionsSchema, changes, 'WAN conditions'));
      if (words.length > 0) await running.command(`set ${words.join(' ')}`);
    },
    setCongestionControl,
    stats: () => running.stats(),
    stop,
  };
}

const ALLOWED_CONGESTION_CONTROL = '/proc/sys/net/ipv4/tcp_allowed_congestion_control';

/**
 * A namespace other than the initial one may only default to an algorithm the initial namespace
 * allows (EPERM otherwise), so add it to the host's allowed list (additive: any process may then
 * choose it per socket, as it may the ones listed already).
 */
async function allowCongestionControl(algorithm: CongestionControl): Promise<void> {
  const allowed = (await readFile(ALLOWED_CONGESTION_CONTROL, 'utf8')).trim().split(/\s+/);
  if (!allowed.includes(algorithm)) await writeFile(ALLOWED_CONGESTION_CONTROL, [...allowed, algorithm].join(' '));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
  await exited;
  clearTimeout(timer);
}
