/**
 * Checks the WAN emulator against physics: RTT = 2 × one-way delay, goodput under a rate limit
 * = rate × MSS/MTU, one CUBIC flow under loss within 2× of Mathis (MSS/RTT · 1.22/√p), and the
 * highest rate it carries here. Run: node --import tsx bench/wan/check-physics.ts [--quick]
 * (root and /dev/net/tun needed). Prints a table, then one JSON line; exits 1 if a check fails.
 */
import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { measureRtt, measureTcpGoodput } from './probes.ts';
import { type CongestionControl, startWanLink, type WanLink, type WanLinkOptions } from './wan-link.ts';

export interface PhysicsCheck {
  name: string;
  unit: string;
  expected: number | null;
  measured: number;
  /** measured / expected. */
  ratio: number | null;
  /** null: reported only, no bound (BBR is not loss-driven, so Mathis does not bound it). */
  pass: boolean | null;
  bound: string;
}

/** IPv4 + TCP headers with timestamps. */
const TCP_IP_HEADERS = 52;

async function withLink<T>(options: WanLinkOptions, use: (link: WanLink) => Promise<T>): Promise<T> {
  const link = await startWanLink(options);
  try {
    return await use(link);
  } finally {
    await link.stop();
  }
}

function judged(name: string, unit: string, expected: number, measured: number, low: number, high: number) {
  const ratio = measured / expected;
  return { name, unit, expected, measured, ratio, pass: ratio >= low && ratio <= high, bound: `${low}–${high}×` };
}

/**
 * UDP round trips vs 2 × delay, judged on the fastest probe: the emulator's delay is the same for
 * every packet, while a busy host delays the probe processes themselves by whole milliseconds
 * (the median is reported in the name).
 */
export async function checkRtt(link: WanLink, delayMs: number, probes = 20): Promise<PhysicsCheck> {
  const { minMs, medianMs } = await measureRtt(link, probes, 10);
  return {
    ...judgedRtt(delayMs, minMs),
    name: `UDP RTT (fastest of ${probes}; median ${medianMs.toFixed(2)} ms), one-way delay ${delayMs} ms`,
  };
}

/** The same with ping (when installed), judged on its median: ICMP echo is answered by the kernel. */
async function checkPingRtt(link: WanLink, delayMs: number, probes: number): Promise<PhysicsCheck | undefined> {
  const { stdout } = await link.exec(link.nsA, 'ping', ['-c', String(probes), '-i', '0.02', link.addrB]);
  const times = [...stdout.matchAll(/time=([\d.]+) ms/g)].map((match) => Number(match[1])).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  if (median === undefined) return undefined;
  return { ...judgedRtt(delayMs, median), name: `ping RTT (median of ${times.length}), one-way delay ${delayMs} ms` };
}

/** Never early (the link adds at least the delay), at most 1 ms + 5 % late. */
function judgedRtt(delayMs: number, measuredMs: number): PhysicsCheck {
  const expected = 2 * delayMs;
  const slack = 1 + 0.05 * expected;
  return {
    name: `RTT, one-way delay ${delayMs} ms`,
    unit: 'ms',
    expected,
    measured: measuredMs,
    ratio: expected > 0 ? measuredMs / expected : null,
    pass: measuredMs >= expected && measuredMs <= expected + slack,
    bound: `${expected}…${(expected + slack).toFixed(2)} ms`,
  };
}

/** One TCP flow through a rate limit: goodput ≈ rate × MSS/MTU (80–105 %: never above, a busy host may slow the flow). */
export function checkRateLimit(rateMbit: number, seconds: number, mtu = 1500): Promise<PhysicsCheck> {
  return withLink({ delayMs: 5, rateMbit, queueMs: 20, mtu }, async (link) => {
    const { mbit } = await measureTcpGoodput(link, seconds, Math.min(1, seconds / 3));
    const expected = (rateMbit * (mtu - TCP_IP_HEADERS)) / mtu;
    return judged(`TCP goodput, rate ${rateMbit} Mbit/s (MTU ${mtu})`, 'Mbit/s', expected, mbit, 0.8, 1.05);
  });
}

/** Mathis et al. 1997: the steady-state rate of a loss-driven (Reno-like) flow, in Mbit/s. */
export function mathisMbit(mss: number, rttMs: number, lossPercent: number): number {
  return ((mss * 8) / (rttMs / 1000)) * (1.22 / Math.sqrt(lossPercent / 100)) * 1e-6;
}

/** One flow under random loss and no rate limit vs Mathis; CUBIC must be within 2×, BBR is reported. */
export function checkMathis(
  cc: CongestionControl,
  delayMs: number,
  lossPercent: number,
  seconds: number,
  mtu = 1500,
): Promise<PhysicsCheck> {
  return withLink({ delayMs, lossPercent, cc, mtu }, async (link) => {
    const { mbit } = await measureTcpGoodput(link, seconds, Math.min(2, seconds / 4));
    const expected = mathisMbit(mtu - TCP_IP_HEADERS, 2 * delayMs, lossPercent);
    const name = `${cc} flow vs Mathis, RTT ${2 * delayMs} ms, loss ${lossPercent} % (MTU ${mtu})`;
    if (cc === 'bbr') return { ...judged(name, 'Mbit/s', expected, mbit, 0, 1), pass: null, bound: 'none (BBR)' };
    return judged(name, 'Mbit/s', expected, mbit, 0.5, 2);
  });
}

/** The highest goodput one Node TCP flow reaches with no delay, loss or rate limit. */
export function measureMaxRate(mtu: number, seconds: number): Promise<PhysicsCheck> {
  return withLink({ mtu }, async (link) => {
    const { mbit } = await measureTcpGoodput(link, seconds, Math.min(1, seconds / 3));
    return {
      name: `highest rate, one Node TCP flow, MTU ${mtu}`,
      unit: 'Mbit/s',
      expected: null,
      measured: mbit,
      ratio: null,
      pass: null,
      bound: 'none',
    };
  });
}

function isInstalled(tool: string, versionArgs: string[]): Promise<boolean> {
  return promisify(execFile)(tool, versionArgs).then(
    () => true,
    () => false,
  );
}

/** The same with iperf3 (when installed), the tool the benchmark compares against. */
async function measureMaxRateWithIperf(mtu: number, seconds: number): Promise<PhysicsCheck | undefined> {
  if (!(await isInstalled('iperf3', ['--version']))) return undefined;
  return withLink({ mtu }, async (link) => {
    const server = link.spawnIn(link.nsB, 'iperf3', ['-s', '-1', '--forceflush']);
    await new Promise((resolve) => server.stdout?.once('data', resolve));
    const { stdout } = await link.exec(link.nsA, 'iperf3', ['-c', link.addrB, '-t', String(seconds), '-J']);
    const report = JSON.parse(stdout) as { end: { sum_received: { bits_per_second: number } } };
    return {
      name: `highest rate, iperf3 one flow, MTU ${mtu}`,
      unit: 'Mbit/s',
      expected: null,
      measured: report.end.sum_received.bits_per_second / 1e6,
      ratio: null,
      pass: null,
      bound: 'none',
    };
  });
}

async function runAll(quick: boolean): Promise<PhysicsCheck[]> {
  const flowSeconds = quick ? 6 : 20;
  const checks: PhysicsCheck[] = [];
  const record = (check: PhysicsCheck) => {
    checks.push(check);
    const expected = check.expected === null ? '' : ` expected ${check.expected.toFixed(2)}`;
    const ratio = check.ratio === null ? '' : ` ratio ${check.ratio.toFixed(2)}`;
    const verdict = check.pass === null ? 'info' : check.pass ? 'ok' : 'FAIL';
    console.log(`${verdict.padEnd(4)} ${check.name}: ${check.measured.toFixed(2)} ${check.unit}${expected}${ratio}`);
  };
  await withLink({}, async (link) => {
    for (const delayMs of quick ? [10, 25] : [0, 1, 10, 25, 50]) {
      await link.set({ delayMs });
      record(await checkRtt(link, delayMs, quick ? 20 : 50));
      if (!quick && (await isInstalled('ping', ['-V']))) {
        const ping = await checkPingRtt(link, delayMs, 50);
        if (ping) record(ping);
      }
    }
  });
  for (const rateMbit of quick ? [100] : [100, 500, 1000]) record(await checkRateLimit(rateMbit, quick ? 3 : 8));
  for (const mtu of quick ? [1500] : [1500, 9000]) {
    record(await measureMaxRate(mtu, quick ? 3 : 8));
    const iperf = await measureMaxRateWithIperf(mtu, quick ? 3 : 8);
    if (iperf) record(iperf);
  }
  const lossScenarios = quick
    ? [{ delayMs: 10, lossPercent: 1 }]
    : [
        { delayMs: 25, lossPercent: 0.5 },
        { delayMs: 50, lossPercent: 1 },
      ];
  for (const cc of ['cubic', 'bbr'] as const) {
    for (const { delayMs, lossPercent } of lossScenarios) {
      record(await checkMathis(cc, delayMs, lossPercent, flowSeconds));
    }
  }
  return checks;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const checks = await runAll(process.argv.includes('--quick'));
  console.log(JSON.stringify({ checks }));
  process.exitCode = checks.some((check) => check.pass === false) ? 1 : 0;
}
