// npm run bench:cloud — transfers between a real agent and the local S3 server and Azurite, made
// through the control plane's API, against rclone (Debian's) on the same servers with the same
// part size and concurrency, in the same run. See USAGE.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { digestDifferences, treeDigest } from '../../../../test/tree-digest.ts';
import { progress, runBench } from '../../../server/bench/bench-main.ts';
import type { Cleanup } from '../../../server/bench/cleanup.ts';
import { UsageError } from '../../../server/bench/cli.ts';
import { cpuSecondsOf } from '../../../server/bench/proc-stats.ts';
import { round, table } from '../../../server/bench/report.ts';
import { CLOUD_CONCURRENCY, CLOUD_PART_SIZE_BYTES } from '../../../server/src/features/transfers/transfer-starts.ts';
import { startLocalAzurite } from '../../../server/test/support/local-azurite.ts';
import { startLocalS3 } from '../../../server/test/support/local-s3.ts';
import { commandExists, reapedChildrenCpuSeconds } from '../bench-process.ts';
import { type CloudDataSet, makeCloudDataSet } from './cloud-data.ts';
import { startCloudPlatform } from './cloud-platform.ts';
import { type CloudTuning, rcloneCopy, rcloneEnvironment } from './rclone-runs.ts';

const MiB = 1024 * 1024;
/** What the control plane gives a cloud transfer (transfer.cloud_start): rclone is set to the same. */
const TUNING: CloudTuning = { partBytes: CLOUD_PART_SIZE_BYTES, concurrency: CLOUD_CONCURRENCY };
const GOAL_RATIO = 1.2;

const USAGE = `Usage: npm run bench:cloud -- [--size MiB] [--files N]
  --size MiB   the large file (default 2048)
  --files N    the tree of small files, 1-16 KiB each (default 5000)
Needs rclone (apt-get install rclone) and PostgreSQL (TEST_DATABASE_URL or BENCH_DATABASE_URL, default local).`;

interface Options {
  help: boolean;
  sizeMiB: number;
  files: number;
}

function parse(argv: readonly string[]): Options {
  const options: Options = { help: false, sizeMiB: 2048, files: 5000 };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    const value = Number(argv[index + 1]);
    if (flag === '--help' || flag === '-h') options.help = true;
    else if ((flag === '--size' || flag === '--files') && Number.isInteger(value) && value > 0) {
      if (flag === '--size') options.sizeMiB = value;
      else options.files = value;
      index += 1;
    } else throw new UsageError(`${flag} is not an option here (or lacks a positive whole number)\n${USAGE}`);
  }
  return options;
}

interface Run {
  what: string;
  tool: 'tcpa' | 'rclone';
  bytes: number;
  files: number;
  seconds: number;
  byteExact: boolean | null;
  /** CPU seconds of the tool (rclone; or the agent and the control plane) and of the store's server. */
  toolCpu: number;
  storeCpu: number;
}

const gbps = (run: Run | undefined) => (run ? (run.bytes * 8) / run.seconds / 1e9 : 0);

async function measure(options: Options, cleanup: Cleanup): Promise<string[]> {
  if (!commandExists('rclone')) throw new Error('rclone is not installed: apt-get install rclone');
  const root = mkdtempSync(join(tmpdir(), 'tcpa-cloud-bench-'));
  cleanup.add('remove the bench folder', async () => rmSync(root, { recursive: true, force: true }));
  progress(`writing ${options.sizeMiB} MiB and ${options.files} small files under ${root}`);
  const data = await makeCloudDataSet(join(root, 'data'), options.sizeMiB, options.files);
  const s3 = await startLocalS3('cloud-bench');
  cleanup.add('stop the S3 server', () => s3.close());
  const azurite = await startLocalAzurite('cloud-bench');
  cleanup.add('stop Azurite', () => azurite.close());
  const platform = await startCloudPlatform(cleanup, root, { s3, azurite });
  const rclone = rcloneEnvironment(s3, azurite);
  const runs: Run[] = [];

  const cpu = (pid: number) => cpuSecondsOf(pid) ?? 0;
  // rclone runs and exits (its CPU is counted once reaped); the agent and the control plane stay.
  const toolCpu = () => reapedChildrenCpuSeconds() + cpu(platform.agentPid) + cpu(platform.serverPid);
  const timed = async (what: string, tool: Run['tool'], set: 'large' | 'small', act: () => Promise<unknown>) => {
    progress(`${what}: ${tool}…`);
    const storePid = what.startsWith('S3') ? s3.pid : azurite.pid;
    const before = { tool: toolCpu(), store: cpu(storePid) };
    const started = performance.now();
    await act();
    const seconds = (performance.now() - started) / 1000;
    const run: Run = {
      what,
      tool,
      bytes: set === 'large' ? data.largeBytes : data.smallBytes,
      files: set === 'large' ? 1 : data.smallFiles,
      seconds,
      byteExact: null,
      toolCpu: toolCpu() - before.tool,
      storeCpu: cpu(storePid) - before.store,
    };
    runs.push(run);
    progress(`  ${seconds.toFixed(1)} s`);
    return run;
  };
  const checked = async (run: Run, expected: Map<string, string>, dir: string) => {
    const differences = digestDifferences(expected, await treeDigest(dir));
    run.byteExact = differences.length === 0;
    if (!run.byteExact) progress(`  NOT byte-exact: ${differences.slice(0, 5).join(', ')}`);
  };
  const largeDigest = await treeDigest(data.largeDir);
  const smallDigest = await treeDigest(data.smallDir);

  const label = { large: 'large file', small: 'small files' } as const;
  for (const [store, locationId, remote] of [
    ['S3', platform.s3LocationId, `s3b:${s3.bucket}/`],
    ['Azure', platform.azureLocationId, `azb:${azurite.container}/`],
  ] as const) {
    for (const set of ['large', 'small'] as const) {
      const what = (direction: 'upload' | 'download') => `${store} ${direction}, ${label[set]}`;
      const digest = set === 'large' ? largeDigest : smallDigest;
      await timed(what('upload'), 'rclone', set, () =>
        rcloneCopy(cleanup, rclone, TUNING, set === 'large' ? data.largeDir : data.smallDir, `${remote}rclone/${set}`),
      );
      await timed(what('upload'), 'tcpa', set, () =>
        platform.transfer({
          sourceAgentId: platform.agentId,
          sourcePaths: [`data/${set}`],
          destinationLocationId: locationId,
          destinationPrefix: 'tcpa',
        }),
      );
      const rcloneBack = join(root, 'back-rclone', store, set);
      mkdirSync(rcloneBack, { recursive: true });
      await checked(
        await timed(what('download'), 'rclone', set, () =>
          rcloneCopy(cleanup, rclone, TUNING, `${remote}rclone/${set}`, rcloneBack),
        ),
        digest,
        rcloneBack,
      );
      await checked(
        await timed(what('download'), 'tcpa', set, () =>
          platform.transfer({
            sourceLocationId: locationId,
            sourcePrefix: `tcpa/${set}`,
            destinationAgentId: platform.agentId,
            destinationDir: `back-tcpa/${store}/${set}`,
          }),
        ),
        digest,
        join(root, 'back-tcpa', store, set),
      );
    }
  }
  return report(options, data, runs);
}

const RUNS = ['upload', 'download'].flatMap((direction) =>
  ['S3', 'Azure'].flatMap((store) => ['large file', 'small files'].map((set) => `${store} ${direction}, ${set}`)),
);

function report(options: Options, data: CloudDataSet, runs: Run[]): string[] {
  const find = (what: string, tool: Run['tool']) => runs.find((run) => run.what === what && run.tool === tool);
  const ratio = (what: string) => {
    const rcloneRate = gbps(find(what, 'rclone'));
    return rcloneRate > 0 ? gbps(find(what, 'tcpa')) / rcloneRate : 0;
  };
  const filesPerSec = (what: string, tool: Run['tool']) => {
    const run = find(what, tool);
    return run ? round(run.files / run.seconds, 0) : 0;
  };
  const byteExact = runs.every((run) => run.byteExact !== false);
  const rows = [
    ['run', 'tool', 'seconds', 'Gbit/s', 'files/s', 'tool CPU s', 'store CPU s', 'byte-exact'],
    ...runs.map((run) => [
      run.what,
      run.tool,
      run.seconds.toFixed(1),
      gbps(run).toFixed(3),
      (run.files / run.seconds).toFixed(0),
      run.toolCpu.toFixed(1),
      run.storeCpu.toFixed(1),
      run.byteExact === null ? '-' : run.byteExact ? 'yes' : 'NO',
    ]),
  ];
  const ratios = RUNS.map(
    (what) =>
      `${what}: ${ratio(what).toFixed(2)}× rclone (goal ≥ ${GOAL_RATIO}): ${ratio(what) >= GOAL_RATIO ? 'MET' : 'MISSED'}`,
  );
  const large = (what: string) => ({
    gbps: round(gbps(find(what, 'tcpa')), 3),
    rclone: round(gbps(find(what, 'rclone')), 3),
    ratio: round(ratio(what), 2),
  });
  const s3Up = large('S3 upload, large file');
  const s3Down = large('S3 download, large file');
  const azureUp = large('Azure upload, large file');
  const azureDown = large('Azure download, large file');
  return [
    `${options.sizeMiB} MiB file and ${data.smallFiles} small files (${(data.smallBytes / MiB).toFixed(1)} MiB); part ${TUNING.partBytes / MiB} MiB, ${TUNING.concurrency} at once for both tools; load average at the end ${loadavg()[0]?.toFixed(1)}`,
    `tool CPU: rclone's, or the agent's and the control plane's; store CPU: s3rver with its checking proxy, or Azurite (${cpus().length} cores)`,
    table(rows),
    ...ratios,
    '',
    JSON.stringify({
      s3UploadGbps: s3Up.gbps,
      s3DownloadGbps: s3Down.gbps,
      rcloneS3UploadGbps: s3Up.rclone,
      rcloneS3DownloadGbps: s3Down.rclone,
      ratioS3Upload: s3Up.ratio,
      ratioS3Download: s3Down.ratio,
      azureUploadGbps: azureUp.gbps,
      rcloneAzureUploadGbps: azureUp.rclone,
      ratioAzureUpload: azureUp.ratio,
      azureDownloadGbps: azureDown.gbps,
      rcloneAzureDownloadGbps: azureDown.rclone,
      ratioAzureDownload: azureDown.ratio,
      smallFilesPerSec: filesPerSec('S3 upload, small files', 'tcpa'),
      rcloneSmallFilesPerSec: filesPerSec('S3 upload, small files', 'rclone'),
      ratioSmallFiles: round(ratio('S3 upload, small files'), 2),
      smallFilesPerSecByRun: Object.fromEntries(
        RUNS.filter((what) => what.endsWith('small files')).map((what) => [
          what,
          { tcpa: filesPerSec(what, 'tcpa'), rclone: filesPerSec(what, 'rclone') },
        ]),
      ),
      byteExact,
    }),
  ];
}

process.exitCode = await runBench({ usage: USAGE, parse, run: measure });
