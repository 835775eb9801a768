// npm run bench:wan [-- --quick] [--rate MBIT] [--scenarios a,b,c,d,e]
// The adaptive tuner against static settings, iperf3, rsync and scp on emulated WAN links
// (bench/wan/wan-link.ts). Needs root (network namespaces, TUN). Prints a table per scenario, the
// goals of issue 7, and a one-line JSON summary last.
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TuningSetting } from '@tcpa/contracts';
import { FRESH_START } from '../../apps/agent/src/tuner/start-tuner.ts';
import type { EngineRun } from './engine-runs.ts';
import { EngineBench } from './engine-runs.ts';
import { copyToolMbps, iperf3Mbps, startSshd } from './reference-tools.ts';
import { jainIndex, mbpsBetween, secondsToReach, streamsHeld } from './run-stats.ts';
import { type CongestionControl, startWanLink, type WanConditions } from './wan-link.ts';

const MIB = 1024 * 1024;
const STREAMS = [1, 2, 4, 8, 16, 32, 64];
const WARMUP_MS = 2000;
/**
 * A static run lasts at least this many RTTs and is measured over its second half: after slow
 * start, new CUBIC streams overshoot their steady rate for 60–120 RTTs (at 50 ms, 64 streams gave
 * 494 Mbit/s in seconds 3–6 and about 240 from then on; at 100 ms, 156 in seconds 3–6 and 90
 * after, as did iperf3), and the tuner is judged on its steady rate.
 */
const STATIC_RTTS = 200;

interface Flags {
  quick: boolean;
  rate: number | undefined;
  scenarios: string[];
}

function parseFlags(argv: string[]): Flags {
  const flags: Flags = { quick: false, rate: undefined, scenarios: ['a', 'b', 'c', 'd', 'e'] };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    const value = argv[index + 1];
    if (flag === '--quick') flags.quick = true;
    else if (flag === '--rate' && value && Number(value) > 0) {
      flags.rate = Number(value);
      index += 1;
    } else if (flag === '--scenarios' && value && /^[a-e](,[a-e])*$/.test(value)) {
      flags.scenarios = value.split(',');
      index += 1;
    } else {
      throw new Error(`unknown or bad flag ${flag}; use --quick, --rate MBIT, --scenarios a,b,c,d,e`);
    }
  }
  return flags;
}

interface Scenario {
  name: string;
  label: string;
  cc: CongestionControl;
  conditions: WanConditions;
  /** Conditions switched to halfway through each run (scenario d). */
  switchTo?: WanConditions;
  /** Transfers sharing the link at once (scenario e). */
  transfers: number;
}

function scenarios(rateMbit: number): Scenario[] {
  const lossy50 = { delayMs: 25, lossPercent: 0.5, rateMbit };
  const lossy100 = { delayMs: 50, lossPercent: 1, rateMbit };
  return [
    { name: 'a', label: '50 ms, 0.5% loss, CUBIC', cc: 'cubic', conditions: lossy50, transfers: 1 },
    { name: 'b', label: '50 ms, 0.5% loss, BBR', cc: 'bbr', conditions: lossy50, transfers: 1 },
    { name: 'c', label: '100 ms, 1% loss, CUBIC', cc: 'cubic', conditions: lossy100, transfers: 1 },
    {
      name: 'd',
      label: '50 ms clean → 100 ms 1% loss mid-run, CUBIC',
      cc: 'cubic',
      conditions: { delayMs: 25, lossPercent: 0, rateMbit },
      switchTo: lossy100,
      transfers: 1,
    },
    { name: 'e', label: 'two transfers sharing (a)', cc: 'cubic', conditions: lossy50, transfers: 2 },
  ];
}

interface ScenarioResult {
  scenario: Scenario;
  sweep: Array<{ setting: TuningSetting; mbps: number }>;
  /** The best setting of the sweep; `mbps` is the mean of its sweep run and a second run. */
  best: { setting: TuningSetting; mbps: number; sweepMbps: number };
  singleStreamMbps: number;
  tunerMbps: number;
  secondsTo90: number | null;
  streams: number;
  fairness: number | null;
  iperf1: number;
  iperfMany: number;
  rsync: number;
  scp: number;
  timeline: string;
  decisions: string[];
}

const round = (value: number) => Math.round(value * 10) / 10;

function ensureTools(): void {
  const missing = ['iperf3', 'rsync', 'scp', 'ssh-keygen', 'sshd'].filter((tool) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool} || test -x /usr/sbin/${tool}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return;
  console.log(`installing ${missing.join(', ')} (apt-get)`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'iperf3', 'rsync', 'openssh-server', 'openssh-client'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/**
 * What this machine carries over a 1 ms link without a limit: the emulator (iperf3, 4 streams)
 * and the engine itself (TLS and hashing in one Node process, 4 streams).
 */
async function calibrate(base: string, source: { root: string; path: string }) {
  const link = await startWanLink({ delayMs: 1, rateMbit: 0, cc: 'cubic' });
  const engine = await EngineBench.start(link, join(base, 'calibration'), source.root);
  try {
    const emulatorMbps = await iperf3Mbps(link, 4, 4);
    const [run] = await engine.run(source.path, [{ streams: 4, chunkSize: 4 * MIB }], {
      tuner: false,
      durationMs: 5000,
    });
    return { emulatorMbps, engineMbps: mbpsBetween((run as EngineRun).ticks, 1000, 5000) };
  } finally {
    await engine.stop();
    await link.stop();
  }
}

async function runScenario(
  scenario: Scenario,
  base: string,
  source: { root: string; path: string },
  timing: { staticMs: number; tunerMs: number; toolSeconds: number; chunkSizes: number[] },
): Promise<ScenarioResult> {
  const link = await startWanLink({ ...scenario.conditions, cc: scenario.cc, seed: 7 });
  const work = join(base, `scenario-${scenario.name}`);
  const engine = await EngineBench.start(link, work, source.root);
  const sshd = await startSshd(link, join(work, 'ssh'));
  try {
    const switching = scenario.switchTo;
    /** Each run starts in the scenario's conditions; in (d) they switch at `switchMs`. */
    const runWithSwitch = async (starts: TuningSetting[], tuner: boolean, durationMs: number, switchMs: number) => {
      await link.set(scenario.conditions);
      return engine.run(source.path, starts, {
        tuner,
        durationMs,
        ...(switching
          ? {
              during: async (started: Promise<void>) => {
                await started; // the sender's first tick, about 250 ms into its run
                await new Promise((resolve) => setTimeout(resolve, switchMs - 250));
                await link.set(switching);
              },
            }
          : {}),
      });
    };
    const runMs = Math.max(timing.staticMs, STATIC_RTTS * 2 * (scenario.conditions.delayMs ?? 0));
    const staticMs = switching ? 2 * runMs : runMs;
    const staticSwitchMs = switching ? runMs : 0;
    // The second half of each run: slow start overshoots for seconds at 100 ms RTT, and would flatter short runs.
    const measureFrom = staticSwitchMs + Math.max(WARMUP_MS, runMs / 2);
    const sum = (runs: EngineRun[], from: number, to: number) =>
      runs.reduce((total, run) => total + mbpsBetween(run.ticks, from, to), 0);

    const sweep: ScenarioResult['sweep'] = [];
    for (const chunkSize of timing.chunkSizes) {
      for (const streams of STREAMS) {
        const setting = { streams, chunkSize };
        const runs = await runWithSwitch(Array(scenario.transfers).fill(setting), false, staticMs, staticSwitchMs);
        const mbps = sum(runs, measureFrom, staticMs);
        sweep.push({ setting, mbps });
        process.stdout.write(
          `  (${scenario.name}) static ${streams} × ${chunkSize / MIB} MiB: ${round(mbps)} Mbit/s\n`,
        );
      }
    }
    // The top of 21 noisy runs is biased upwards (64 streams gave 86, 89 and 99 Mbit/s with three
    // chunk sizes in one (d) sweep): the best setting runs again and the yardstick is the mean of both.
    const top = sweep.reduce((a, b) => (b.mbps > a.mbps ? b : a));
    const again = await runWithSwitch(Array(scenario.transfers).fill(top.setting), false, staticMs, staticSwitchMs);
    const best = {
      setting: top.setting,
      mbps: (top.mbps + sum(again, measureFrom, staticMs)) / 2,
      sweepMbps: top.mbps,
    };
    const singleStreamMbps = Math.max(...sweep.filter((s) => s.setting.streams === 1).map((s) => s.mbps));

    const tunerMs = switching ? timing.tunerMs + 15_000 : timing.tunerMs;
    const tunerSwitchMs = switching ? 15_000 : 0;
    const tuned = await runWithSwitch(Array(scenario.transfers).fill(FRESH_START), true, tunerMs, tunerSwitchMs);
    const steadyFrom = tunerSwitchMs + (tunerMs - tunerSwitchMs) / 2;
    const tunerMbps = sum(tuned, steadyFrom, tunerMs);
    const first = tuned[0] as EngineRun;
    // Two transfers: the time until their sum reaches the level, from a merged timeline.
    const merged = first.ticks.map((tick, index) => ({
      ...tick,
      delivered: tuned.reduce((total, run) => total + (run.ticks[index]?.delivered ?? tick.delivered), 0),
    }));
    const switchedAt = switching ? tunerSwitchMs : 0;
    const secondsTo90 = secondsToReach(merged, 0.9 * best.mbps, switchedAt);
    const fairness =
      tuned.length > 1 ? jainIndex(tuned.map((run) => mbpsBetween(run.ticks, steadyFrom, tunerMs))) : null;
    const timeline = first.ticks
      .filter((tick) => tick.t % 2000 < 250 && tick.t >= 2000)
      .map(
        (tick) =>
          `${Math.round(tick.t / 1000)}s:${round(mbpsBetween(first.ticks, tick.t - 2000, tick.t))}/${tick.target}` +
          (tick.open === tick.target ? '' : `(${tick.open} open)`),
      )
      .join(' ');

    if (switching) await link.set(switching);
    const toolSeconds = timing.toolSeconds;
    const iperf1 = await iperf3Mbps(link, 1, toolSeconds);
    const iperfMany = await iperf3Mbps(link, 64, toolSeconds);
    const target = join(work, 'copy.bin');
    const rsync = await copyToolMbps(link, 'rsync', sshd.sshOptions, source.path, target, toolSeconds);
    const scp = await copyToolMbps(link, 'scp', sshd.sshOptions, source.path, target, toolSeconds);
    return {
      scenario,
      sweep,
      best,
      singleStreamMbps,
      tunerMbps,
      secondsTo90,
      streams: tuned.reduce((total, run) => total + streamsHeld(run.ticks, (tunerMs - steadyFrom) / 2), 0),
      fairness,
      iperf1,
      iperfMany,
      rsync,
      scp,
      timeline,
      decisions: first.end.decisions.map(
        (d) =>
          `${(d.at ?? '').slice(11, 19)} ${d.from.streams}→${d.to.streams} streams, ${d.from.chunkSize / MIB}→${d.to.chunkSize / MIB} MiB: ${d.reason}`,
      ),
    };
  } finally {
    await sshd.stop();
    await engine.stop();
    await link.stop();
  }
}

function printScenario(result: ScenarioResult, rateMbit: number): void {
  const { scenario } = result;
  console.log(`\n(${scenario.name}) ${scenario.label}, link ${rateMbit} Mbit/s`);
  const chunkSizes = [...new Set(result.sweep.map((s) => s.setting.chunkSize))];
  console.log(`  static sweep (Mbit/s)   ${STREAMS.map((n) => `${n}`.padStart(7)).join('')}`);
  for (const chunkSize of chunkSizes) {
    const row = STREAMS.map((streams) => {
      const cell = result.sweep.find((s) => s.setting.streams === streams && s.setting.chunkSize === chunkSize);
      return `${round(cell?.mbps ?? 0)}`.padStart(7);
    });
    console.log(`  ${`${chunkSize / MIB} MiB chunks`.padEnd(22)} ${row.join('')}`);
  }
  console.log(
    `  best static ${round(result.best.mbps)} Mbit/s (${result.best.setting.streams} × ${result.best.setting.chunkSize / MIB} MiB, ` +
      `${round(result.best.sweepMbps)} in the sweep and run again); ` +
      `tuner ${round(result.tunerMbps)} Mbit/s with ${result.streams} streams, 90% of best after ${result.secondsTo90 ?? 'never'} s` +
      (result.fairness === null ? '' : `, fairness ${result.fairness.toFixed(3)}`),
  );
  console.log(
    `  iperf3 1 stream ${round(result.iperf1)}, 64 streams ${round(result.iperfMany)}; rsync ${round(result.rsync)}, scp ${round(result.scp)} Mbit/s`,
  );
  console.log(`  tuner timeline (s:Mbit/s/streams, and how many were open when not all): ${result.timeline}`);
  for (const line of result.decisions.slice(0, 30)) console.log(`    ${line}`);
}

function printGoals(results: ScenarioResult[]): void {
  const by = (name: string) => results.find((r) => r.scenario.name === name);
  const goals: Array<[string, boolean | undefined]> = [];
  for (const name of ['a', 'c']) {
    const r = by(name);
    if (!r) continue;
    goals.push([
      `(${name}) tuner ≥ 90% of best static within 20 s`,
      r.secondsTo90 !== null && r.secondsTo90 <= 20 && r.tunerMbps >= 0.9 * r.best.mbps,
    ]);
    goals.push([`(${name}) tuner ≥ 10× one stream`, r.tunerMbps >= 10 * r.singleStreamMbps]);
    goals.push([`(${name}) tuner ≥ 10× rsync and scp`, r.tunerMbps >= 10 * Math.max(r.rsync, r.scp)]);
  }
  const b = by('b');
  if (b)
    goals.push([
      '(b) BBR: ≥ 0.95× one stream with ≤ 4 streams',
      b.tunerMbps >= 0.95 * b.singleStreamMbps && b.streams <= 4,
    ]);
  const d = by('d');
  if (d) {
    goals.push([
      '(d) ≥ 90% of the new best within 10 probe intervals (here ≤ 20 s: an interval is ≥ 3.5 s at 100 ms RTT), held 4 s',
      d.secondsTo90 !== null && d.secondsTo90 <= 20,
    ]);
  }
  const e = by('e');
  if (e) goals.push(['(e) fairness ≥ 0.9', (e.fairness ?? 0) >= 0.9]);
  console.log('\ngoals:');
  for (const [goal, met] of goals) console.log(`  ${met ? 'met    ' : 'NOT met'} ${goal}`);
  if (d)
    console.log(
      `  (d) after the change the tuner averaged ${(d.tunerMbps / d.best.mbps).toFixed(2)} × the best static setting`,
    );
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if (process.getuid?.() !== 0) throw new Error('bench:wan needs root (network namespaces and TUN devices)');
  ensureTools();
  const timing = flags.quick
    ? { staticMs: 6000, tunerMs: 30_000, toolSeconds: 6, chunkSizes: [1 * MIB, 4 * MIB] }
    : { staticMs: 10_000, tunerMs: 40_000, toolSeconds: 10, chunkSizes: [1 * MIB, 4 * MIB, 16 * MIB] };
  const base = mkdtempSync('/dev/shm/tcpa-wan-bench-');
  try {
    const root = join(base, 'source');
    mkdirSync(root);
    const path = join(root, 'big.bin');
    // Sparse: reads cost no disk, and nothing on the path compresses.
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 64 * 1024 * MIB);
    closeSync(fd);
    const { emulatorMbps, engineMbps } = await calibrate(base, { root, path });
    const requested = flags.rate ?? 1000;
    // Below what both carry, so the link (not this shared machine's CPU) is what the tuner meets.
    const ceiling = Math.min(0.8 * emulatorMbps, 0.6 * engineMbps);
    const rateMbit = flags.rate ?? Math.max(50, Math.min(requested, Math.floor(ceiling / 50) * 50));
    console.log(
      `here, without a rate limit: emulator ${round(emulatorMbps)} Mbit/s (iperf3, 4 streams), engine ${round(engineMbps)} Mbit/s ` +
        `(4 streams, TLS and SHA-256 in one Node process); link rate ${rateMbit} Mbit/s (1000 asked by the issue). ` +
        'The machine is shared: compare figures within this run.',
    );
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios(rateMbit).filter((s) => flags.scenarios.includes(s.name))) {
      console.log(`\n(${scenario.name}) ${scenario.label} …`);
      const result = await runScenario(scenario, base, { root, path }, timing);
      printScenario(result, rateMbit);
      results.push(result);
    }
    printGoals(results);
    const summary = {
      scenarios: results.map((r) => ({
        name: r.scenario.name,
        cc: r.scenario.cc,
        linkMbps: rateMbit,
        tunerMbps: round(r.tunerMbps),
        bestStaticMbps: round(r.best.mbps),
        singleStreamMbps: round(r.singleStreamMbps),
        secondsTo90: r.secondsTo90,
        streams: r.streams,
        rsyncMbps: round(r.rsync),
        scpMbps: round(r.scp),
      })),
      fairness: results.find((r) => r.fairness !== null)?.fairness ?? null,
    };
    console.log(JSON.stringify(summary));
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

await main();
