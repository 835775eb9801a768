/**
 * Preloaded into the server process by the telemetry bench (`node --import tsx --import
 * server-probe.ts apps/server/src/main.ts`), so the server's own code stays untouched. It
 * measures the event loop: utilisation and delay. On SIGUSR2 it reads a command from
 * `$BENCH_PROBE_DIR/command.json` and answers in `answer.json`:
 * - `window-start`: resets the measurements and, with `profile`, starts the V8 CPU profiler;
 * - `window-end`: writes the measurements since window-start and, when profiling, the profile
 *   (`server-window.cpuprofile`, Chrome DevTools format) next to them;
 * - `gc`: collects garbage (the bench starts the server with --expose-gc), so that the memory
 *   read next is live memory.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import {
  PROBE_ANSWER_FILE,
  PROBE_COMMAND_FILE,
  PROBE_DIR_ENV,
  PROBE_PROFILE_FILE,
  type ProbeAnswer,
  type ProbeCommand,
  ProbeCommandSchema,
} from './telemetry-protocol.ts';

const dir = process.env[PROBE_DIR_ENV];
if (dir) {
  const resolutionMs = 10;
  const delay = monitorEventLoopDelay({ resolution: resolutionMs });
  delay.enable();
  let eluStart = performance.eventLoopUtilization();
  let session: Session | undefined;

  const answer = async (command: ProbeCommand): Promise<ProbeAnswer> => {
    // The monitor times a timer due every resolutionMs: what exceeds that is the loop's delay.
    const nsToMs = (ns: number) =>
      Number.isFinite(ns) ? Math.max(0, Math.round(ns / 1e4 - resolutionMs * 100) / 100) : 0;
    if (command.action === 'window-start') {
      delay.reset();
      eluStart = performance.eventLoopUtilization();
      if (command.profile) {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 1000 });
        await session.post('Profiler.start');
      }
    }
    if (command.action === 'gc') {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) throw new Error('the server runs without --expose-gc');
      gc();
      gc();
    }
    let profilePath: string | null = null;
    if (command.action === 'window-end' && session) {
      const { profile } = await session.post('Profiler.stop');
      profilePath = join(dir, PROBE_PROFILE_FILE);
      writeFileSync(profilePath, JSON.stringify(profile));
      session.disconnect();
      session = undefined;
    }
    return {
      n: command.n,
      eventLoopUtilization: performance.eventLoopUtilization(eluStart).utilization,
      delayMs: {
        mean: nsToMs(delay.mean),
        p50: nsToMs(delay.percentile(50)),
        p99: nsToMs(delay.percentile(99)),
        max: nsToMs(delay.max),
      },
      heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 1024 / 102.4) / 10,
      rssKiB: Math.round(process.memoryUsage().rss / 1024),
      profilePath,
      error: null,
    };
  };

  process.on('SIGUSR2', () => {
    let n = -1;
    void (async () => {
      let reply: ProbeAnswer;
      try {
        const command = ProbeCommandSchema.parse(JSON.parse(readFileSync(join(dir, PROBE_COMMAND_FILE), 'utf8')));
        n = command.n;
        reply = await answer(command);
      } catch (error) {
        reply = {
          n,
          eventLoopUtilization: 0,
          delayMs: { mean: 0, p50: 0, p99: 0, max: 0 },
          heapUsedMiB: 0,
          rssKiB: 0,
          profilePath: null,
          error: error instanceof Error ? error.message : String(error),
        };
      }
      // Written whole, then renamed: the bench never reads half an answer.
      writeFileSync(join(dir, `${PROBE_ANSWER_FILE}.tmp`), JSON.stringify(reply));
      renameSync(join(dir, `${PROBE_ANSWER_FILE}.tmp`), join(dir, PROBE_ANSWER_FILE));
    })();
  });
}
