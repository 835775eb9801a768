/**
 * `npm run bench:jobs`: the scheduler firing thousands of schedules from two servers (part A,
 * scheduler-firing.ts) and planning an incremental mirror against rsync's dry run (part B,
 * mirror-planning.ts). `--help` for the flags.
 */
import { progress, runBench } from './bench-main.ts';
import { JOBS_USAGE, parseJobsBenchOptions } from './jobs-cli.ts';
import { formatFiring, formatPlanning, jobsSummaryLine } from './jobs-report.ts';
import { measureMirrorPlanning, OUR_MODE } from './mirror-planning.ts';
import { measureSchedulerFiring } from './scheduler-firing.ts';

process.exitCode = await runBench({
  usage: JOBS_USAGE,
  parse: parseJobsBenchOptions,
  async run(options, cleanup) {
    const firing =
      options.schedules > 0 ? await measureSchedulerFiring(options.schedules, options.agents, cleanup) : null;
    if (firing) progress(`part A done: ${firing.fired} fired, p99 lateness ${firing.p99LatenessMs.toFixed(0)} ms`);
    const planning = options.files > 0 ? await measureMirrorPlanning(options.files, cleanup) : null;
    return [
      ...(firing ? [...formatFiring(firing), ''] : []),
      ...(planning ? [...formatPlanning(planning, OUR_MODE), ''] : []),
      jobsSummaryLine(firing, planning),
    ];
  },
});
