/** Measurements across a WAN link: UDP round-trip times and one TCP flow's goodput. */
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { WanLink } from './wan-link.ts';

const WORKER = fileURLToPath(new URL('./probe-worker.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');
const ECHO_PORT = 47001;
const SINK_PORT = 47002;

interface Probe {
  /** Resolves with the probe's next stdout line; rejects (with its stderr) if it exits first. */
  nextLine(timeoutMs: number): Promise<string>;
  kill(): void;
}

function startProbe(link: WanLink, ns: string, args: readonly string[]): Probe {
  const child = link.spawnIn(ns, process.execPath, ['--import', TSX, WORKER, ...args]);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines: string[] = [];
  let waiter: ((line: string | undefined) => void) | undefined;
  let exited = false;
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    lines.push(line);
    waiter?.(lines.shift());
  });
  child.once('exit', () => {
    exited = true;
    waiter?.(undefined);
  });
  return {
    nextLine(timeoutMs) {
      const ready = lines.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      if (exited) return Promise.reject(new Error(`probe ${args[0]} exited: ${stderr.trim()}`));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => settle(undefined, `gave no answer within ${timeoutMs} ms`), timeoutMs);
        const settle = (line: string | undefined, reason = 'exited') => {
          clearTimeout(timer);
          waiter = undefined;
          if (line === undefined) reject(new Error(`probe ${args[0]} ${reason}: ${stderr.trim()}`));
          else resolve(line);
        };
        waiter = settle;
      });
    },
    kill: () => child.kill('SIGKILL'),
  };
}

export interface RttResult {
  medianMs: number;
  minMs: number;
  maxMs: number;
  lost: number;
}

/** UDP echo from namespace A to B: `count` probes `gapMs` apart. */
export async function measureRtt(link: WanLink, count: number, gapMs: number): Promise<RttResult> {
  const echo = startProbe(link, link.nsB, ['udp-echo', String(ECHO_PORT)]);
  try {
    await echo.nextLine(10_000);
    const ping = startProbe(link, link.nsA, ['udp-ping', link.addrB, String(ECHO_PORT), String(count), String(gapMs)]);
    const { rttsMs, lost } = JSON.parse(await ping.nextLine(10_000 + count * gapMs)) as {
      rttsMs: number[];
      lost: number;
    };
    const sorted = [...rttsMs].sort((a, b) => a - b);
    if (sorted.length === 0) throw new Error('no UDP probe came back');
    return {
      medianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
      minMs: sorted[0] ?? Number.NaN,
      maxMs: sorted[sorted.length - 1] ?? Number.NaN,
      lost,
    };
  } finally {
    echo.kill();
  }
}

export interface ThroughputResult {
  /** Goodput (TCP payload) in Mbit/s between warmupSeconds and the end of the flow. */
  mbit: number;
  seconds: number;
}

/** One TCP flow from namespace A to B for `seconds` (timed from its first byte); the first `warmupSeconds` are not counted. */
export async function measureTcpGoodput(
  link: WanLink,
  seconds: number,
  warmupSeconds: number,
): Promise<ThroughputResult> {
  const sink = startProbe(link, link.nsB, ['tcp-sink', String(SINK_PORT), '100', String(seconds)]);
  let source: Probe | undefined;
  try {
    await sink.nextLine(10_000);
    const result = sink.nextLine(15_000 + seconds * 1000);
    source = startProbe(link, link.nsA, ['tcp-source', link.addrB, String(SINK_PORT)]);
    const { samples } = JSON.parse(await result) as { samples: [number, number][] };
    const start = samples.find(([ms]) => ms >= warmupSeconds * 1000);
    const end = samples[samples.length - 1];
    if (!start || !end || end[0] <= start[0]) throw new Error('the flow ended before the warm-up did');
    const measuredSeconds = (end[0] - start[0]) / 1000;
    return { mbit: ((end[1] - start[1]) * 8) / measuredSeconds / 1e6, seconds: measuredSeconds };
  } finally {
    sink.kill();
    source?.kill();
  }
}
