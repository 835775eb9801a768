/**
 * Part B of `npm run bench:jobs`: an incremental mirror of a tree of many small files, 1% changed,
 * planned by our agents (two processes over a real data channel) against `rsync -a --delete
 * --dry-run` on the same trees in the same run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { commandExists, startProcess, startRole } from '../../agent/bench/bench-process.ts';
import { ensureDataChannelIdentity } from '../../agent/src/transfer/data-channel-identity.ts';
import { progress } from './bench-main.ts';
import type { Cleanup } from './cleanup.ts';
import { changeOnePercent, copyTree, type TreeChanges, writeTree } from './file-tree.ts';

const SENDER_ROLE = fileURLToPath(new URL('./mirror-sender-role.ts', import.meta.url));
/** Our run is a real mirror (its deletions are planned with the rest), with skip_identical's quick check. */
export const OUR_MODE = 'mirror' as const;

export interface PlanningResult {
  files: number;
  treeBytes: number;
  changes: TreeChanges;
  /** Files rsync's dry run lists (itemized), counted on the untimed warm-up run. */
  rsyncItemized: number;
  rsyncDryRunSeconds: number;
  /** From the sender's start to its first chunk: connect, the first page of the walk and its plan (the rest goes on meanwhile). */
  mirrorPlanSeconds: number;
  /** The whole run, the changed files sent included. */
  oursTotalSeconds: number;
  oursStatuses: Record<string, number>;
  oursBytesSent: number;
}

function timed(work: () => void): number {
  const started = performance.now();
  work();
  return (performance.now() - started) / 1000;
}

export async function measureMirrorPlanning(files: number, cleanup: Cleanup): Promise<PlanningResult> {
  if (!commandExists('rsync')) {
    throw new Error('rsync is not installed: apt-get install -y rsync (the bench compares with its dry run)');
  }
  const base = mkdtempSync(join(tmpdir(), 'tcpa-jobs-bench-'));
  cleanup.add(`remove ${base}`, async () => rmSync(base, { recursive: true, force: true }));
  const sourceRoot = join(base, 'source');
  const destinationRoot = join(base, 'destination');
  const source = join(sourceRoot, 'tree');
  const destinationDir = join(destinationRoot, 'standby');
  progress(`writing a tree of ${files} files …`);
  const treeBytes = writeTree(source, files);
  copyTree(source, join(destinationDir, 'tree'));
  const changes = changeOnePercent(source, files);
  execFileSync('sync');
  progress(`tree written (${(treeBytes / 2 ** 20).toFixed(0)} MiB, twice); changed ${JSON.stringify(changes)}`);

  const rsyncArgs = ['-a', '--delete', '--dry-run', `${source}/`, `${join(destinationDir, 'tree')}/`];
  // Untimed first: both trees' metadata in the page cache for both contenders; it also counts what rsync would do.
  const itemized = execFileSync('rsync', [...rsyncArgs, '--itemize-changes'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const rsyncItemized = itemized.split('\n').filter((line) => line.trim() && !line.endsWith('/')).length;
  const rsyncDryRunSeconds = timed(() => execFileSync('rsync', rsyncArgs, { stdio: 'ignore' }));
  progress(`rsync dry run: ${rsyncDryRunSeconds.toFixed(2)} s (${rsyncItemized} changes itemized)`);

  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'bench' }] };
  const stateDir = join(base, 'state');
  mkdirSync(stateDir);
  const host = '127.0.0.1';
  const receiver = startRole(cleanup, 'receiver', { stateDir, root: destinationRoot, jwks, host });
  const port = Number(await receiver.line('port '));
  const { fingerprint } = await ensureDataChannelIdentity(stateDir);
  const token = await new SignJWT({
    tid: 'bench-mirror',
    att: 1,
    src: 'bench-source',
    paths: [source],
    dir: destinationDir,
    mode: OUR_MODE,
  })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'tcpa-transfer+jwt', kid: 'bench' })
    .setAudience('bench-destination')
    .setJti('bench-mirror:1')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(privateKey);
  const config = {
    roots: [sourceRoot],
    paths: [source],
    destination: { host, port, fingerprint },
    token,
    overwrite: 'skip_identical',
    mode: OUR_MODE,
  };
  // BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles both agents (as in bench:transfer).
  const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  const sender = startProcess(cleanup, process.execPath, [...flags, '--import', 'tsx', SENDER_ROLE], {
    env: { BENCH_CONFIG: JSON.stringify(config) },
    stdin: true,
  });
  await sender.line('ready');
  sender.tell('go');
  const result = JSON.parse(await sender.line('result '));
  await receiver.stop();
  if (!result.ok) throw new Error(`our ${OUR_MODE} run failed: ${JSON.stringify(result.failed)}`);
  progress(
    `ours (${OUR_MODE}): first chunk after ${(result.planMs / 1000).toFixed(2)} s, done in ${(result.durationMs / 1000).toFixed(2)} s`,
  );
  return {
    files,
    treeBytes,
    changes,
    rsyncItemized,
    rsyncDryRunSeconds,
    mirrorPlanSeconds: result.planMs / 1000,
    oursTotalSeconds: result.durationMs / 1000,
    oursStatuses: result.statuses,
    oursBytesSent: result.bytesSent,
  };
}
