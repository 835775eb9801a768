// npm run bench:transfer — the transfer engine against a raw reference pipeline and the tools a
// user would pick instead (rsync daemon, scp, rclone over SFTP), over loopback, then over a veth
// between two network namespaces shaped to 1 Gbit/s against iperf3. See USAGE.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { progress, runBench } from '../../server/bench/bench-main.ts';
import type { Cleanup } from '../../server/bench/cleanup.ts';
import { UsageError } from '../../server/bench/cli.ts';
import { DEFAULT_CHUNK_SIZE, DEFAULT_STREAMS } from '../src/transfer/send-transfer.ts';
import { reapedChildrenCpuSeconds, run, startProcess, startRole } from './bench-process.ts';
import { ensureTools, startRsyncDaemon, startSshd } from './peer-tools.ts';
import { createShapedLink } from './shaped-link.ts';

const MiB = 1024 * 1024;

const USAGE = `Usage: npm run bench:transfer -- [--size MiB] [--files N] [--shaped-size MiB] [--no-peers] [--no-shaped]
  --size MiB         the large file (default 4096)
  --files N          the tree of small files, 1-16 KiB each (default 10000)
  --shaped-size MiB  the file sent over the 1 Gbit/s shaped link (default 1024, at most --size)
  --no-peers         skip rsync, scp and rclone
  --no-shaped        skip the shaped link (it needs root for ip netns and tc)
  --streams N        tcpa streams (default: the engine's)
  --chunk-mib N      tcpa chunk size in MiB (default: the engine's)`;

interface Options {
  help: boolean;
  sizeMiB: number;
  files: number;
  shapedMiB: number;
  peers: boolean;
  shaped: boolean;
  streams: number;
  chunkMiB: number;
}

function parse(argv: readonly string[]): Options {
  const options: Options = {
    help: false,
    sizeMiB: 4096,
    files: 10_000,
    shapedMiB: 1024,
    peers: true,
    shaped: true,
    streams: DEFAULT_STREAMS,
    chunkMiB: DEFAULT_CHUNK_SIZE >> 20,
  };
  const number = (flag: string, value: string | undefined) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed <= 0)
      throw new UsageError(`${flag} needs a positive whole number\n${USAGE}`);
    return parsed;
  };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    if (flag === '--help' || flag === '-h') options.help = true;
    else if (flag === '--size') options.sizeMiB = number(flag, argv[++index]);
    else if (flag === '--files') options.files = number(flag, argv[++index]);
    else if (flag === '--shaped-size') options.shapedMiB = number(flag, argv[++index]);
    else if (flag === '--no-peers') options.peers = false;
    else if (flag === '--no-shaped') options.shaped = false;
    else if (flag === '--streams') options.streams = number(flag, argv[++index]);
    else if (flag === '--chunk-mib') options.chunkMiB = number(flag, argv[++index]);
    else throw new UsageError(`unknown flag ${flag}\n${USAGE}`);
  }
  options.shapedMiB = Math.min(options.shapedMiB, options.sizeMiB);
  return options;
}

interface Measurement {
  name: string;
  bytes: number;
  files: number;
  seconds: number;
  cpuSeconds: number;
}

const gbps = (m: Measurement | undefined) => (m ? (m.bytes * 8) / m.seconds / 1e9 : undefined);
const round = (value: number | undefined, digits = 2) =>
  value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(digits));

/** What a run reports itself (our roles time from their go and count their own CPU). */
interface SelfReport {
  seconds?: number;
  cpuSeconds?: number;
}

/** Times `body` and counts CPU of the processes it ran: what roles report, else reaped tools and daemons. */
async function measure(
  name: string,
  bytes: number,
  files: number,
  body: () => Promise<SelfReport>,
): Promise<Measurement> {
  progress(`${name} …`);
  const reapedBefore = reapedChildrenCpuSeconds();
  const started = performance.now();
  const report = await body();
  const seconds = report.seconds ?? (performance.now() - started) / 1000;
  const cpuSeconds = report.cpuSeconds ?? reapedChildrenCpuSeconds() - reapedBefore;
  const result = { name, bytes, files, seconds, cpuSeconds };
  progress(`${name}: ${round(gbps(result))} Gbit/s, ${Math.round(files / seconds)} files/s`);
  return result;
}

async function writeLargeFile(path: string, mebibytes: number): Promise<void> {
  const block = randomBytes(64 << 20);
  const out = createWriteStream(path);
  for (let written = 0; written < mebibytes; written += 64) {
    const piece = Buffer.from(block.subarray(0, Math.min(64, mebibytes - written) << 20));
    piece.writeUInt32BE(written, 0); // no two blocks alike
    if (!out.write(piece)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

function writeSmallTree(dir: string, count: number): number {
  let bytes = 0;
  for (let index = 0; index < count; index += 1) {
    const sub = join(dir, `d${Math.floor(index / 100)}`);
    if (index % 100 === 0) mkdirSync(sub, { recursive: true });
    const content = randomBytes(1024 + Math.floor(Math.random() * 15 * 1024));
    writeFileSync(join(sub, `f${index}.bin`), content);
    bytes += content.length;
  }
  return bytes;
}

async function main(options: Options, cleanup: Cleanup): Promise<string[]> {
  const base = mkdtempSync(join(tmpdir(), 'tcpa-bench-transfer-'));
  cleanup.add('remove the bench folder', async () => rmSync(base, { recursive: true, force: true }));
  const missing = options.peers || options.shaped ? ensureTools(progress) : [];
  const sourceRoot = join(base, 'source');
  const destinationRoot = join(base, 'destination');
  mkdirSync(sourceRoot);
  mkdirSync(destinationRoot);
  progress(`writing a ${options.sizeMiB} MiB file and ${options.files} small files …`);
  const large = join(sourceRoot, 'large.bin');
  await writeLargeFile(large, options.sizeMiB);
  const tree = join(sourceRoot, 'tree');
  const treeBytes = writeSmallTree(tree, options.files);
  const largeBytes = options.sizeMiB * MiB; // not << 20: 4096 << 20 overflows 32 bits
  execFileSync('sync');

  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'bench' }] };
  let runs = 0;
  const freshDestination = () => {
    const dir = join(destinationRoot, `run${runs++}`);
    mkdirSync(dir);
    return dir;
  };
  const clear = (dir: string) => rmSync(dir, { recursive: true, force: true });

  const raw = async (host: string): Promise<SelfReport> => {
    const dir = freshDestination();
    const receiver = startRole(cleanup, 'raw-receiver', { target: join(dir, 'raw.bin'), host });
    const port = Number(await receiver.line('port '));
    const sender = startRole(cleanup, 'raw-sender', { source: large, host, port });
    await sender.line('ready');
    const started = performance.now();
    sender.tell('go');
    const [sent, received] = await Promise.all([sender.line('sent '), receiver.line('done ')]);
    const seconds = (performance.now() - started) / 1000;
    if (sent !== received) throw new Error('raw reference: hashes differ');
    const cpuSeconds = Number(await sender.line('cpu ')) + Number(await receiver.line('cpu '));
    clear(dir);
    return { seconds, cpuSeconds };
  };

  /** Our transfer between two agent processes. */
  const ours = async (
    source: string,
    link?: { sourceNs: string; destinationNs: string; address: string },
  ): Promise<SelfReport> => {
    const dir = freshDestination();
    const stateDir = join(base, `state${runs}`);
    const host = link?.address ?? '127.0.0.1';
    const receiver = startRole(
      cleanup,
      'receiver',
      { stateDir, root: destinationRoot, jwks, host: link ? '0.0.0.0' : host },
      link?.destinationNs,
    );
    const port = Number(await receiver.line('port '));
    const { ensureDataChannelIdentity } = await import('../src/transfer/data-channel-identity.ts');
    const fingerprint = (await ensureDataChannelIdentity(stateDir)).fingerprint;
    const token = await new SignJWT({ tid: `bench-${runs}`, att: 1, src: 'bench-source', paths: [source], dir })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'tcpa-transfer+jwt', kid: 'bench' })
      .setAudience('bench-destination')
      .setJti(`bench-${runs}:1`)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    const sender = startRole(
      cleanup,
      'sender',
      {
        roots: [sourceRoot],
        paths: [source],
        destination: { host, port, fingerprint },
        token,
        streams: options.streams,
        chunkSize: options.chunkMiB * MiB,
      },
      link?.sourceNs,
    );
    await sender.line('ready');
    const started = performance.now();
    sender.tell('go');
    const result = JSON.parse(await sender.line('result '));
    const seconds = (performance.now() - started) / 1000;
    if (!result.ok) throw new Error(`transfer failed: ${JSON.stringify(result.failed)}`);
    const senderCpu = Number(await sender.line('cpu '));
    receiver.process.kill('SIGTERM');
    const receiverCpu = Number(await receiver.line('cpu '));
    await receiver.exited;
    clear(dir);
    return { seconds, cpuSeconds: senderCpu + receiverCpu };
  };

  const results: Measurement[] = [];
  const add = async (name: string, bytes: number, files: number, body: () => Promise<SelfReport>) => {
    const result = await measure(name, bytes, files, body);
    results.push(result);
    return result;
  };

  const rawRun = await add('raw reference (TCP, SHA-256 both sides)', largeBytes, 1, () => raw('127.0.0.1'));
  const largeRun = await add('tcpa (TLS 1.3, chunk CRC, SHA-256 both sides)', largeBytes, 1, () => ours(large));
  const smallRun = await add(`tcpa, ${options.files} small files`, treeBytes, options.files, () => ours(tree));

  let rsyncRun: Measurement | undefined;
  let scpRun: Measurement | undefined;
  let rcloneRun: Measurement | undefined;
  const peerNotes: string[] = [];
  /** A tool's run: its daemon starts fresh and is stopped (so reaped) inside the measurement, to count what it forked. */
  const timed = async (command: string, args: string[]): Promise<number> => {
    const started = performance.now();
    await run(cleanup, command, args);
    return (performance.now() - started) / 1000;
  };
  if (options.peers) {
    if (!missing.includes('rsync')) {
      const rsyncOnce = async (source: string): Promise<SelfReport> => {
        const dir = freshDestination();
        const rsync = await startRsyncDaemon(cleanup, base, dir);
        const seconds = await timed('rsync', ['-a', source, rsync.url]);
        await rsync.daemon.stop();
        clear(dir);
        return { seconds };
      };
      rsyncRun = await add('rsync daemon (no encryption, -a)', largeBytes, 1, () => rsyncOnce(large));
      await add(`rsync daemon, ${options.files} small files`, treeBytes, options.files, () => rsyncOnce(tree));
    } else peerNotes.push('rsync skipped: not installed');
    if (!missing.includes('/usr/sbin/sshd') && !missing.includes('scp')) {
      const overSsh = async (client: (sshd: Awaited<ReturnType<typeof startSshd>>, dir: string) => Promise<number>) => {
        const dir = freshDestination();
        const sshd = await startSshd(cleanup, join(base, `ssh${runs}`));
        const seconds = await client(sshd, dir);
        await sshd.daemon.stop();
        clear(dir);
        return { seconds };
      };
      scpRun = await add('scp (OpenSSH, default cipher)', largeBytes, 1, () =>
        overSsh((sshd, dir) =>
          timed('scp', ['-q', ...sshd.sshOptions, '-P', String(sshd.port), large, `${sshd.user}@127.0.0.1:${dir}/`]),
        ),
      );
      if (!missing.includes('rclone')) {
        const config = join(base, 'rclone.conf');
        writeFileSync(config, '');
        rcloneRun = await add('rclone copy over SFTP (to an sshd)', largeBytes, 1, () =>
          overSsh((sshd, dir) =>
            timed('rclone', [
              'copy',
              large,
              `:sftp:${dir}`,
              '--config',
              config,
              '--sftp-host',
              '127.0.0.1',
              '--sftp-port',
              String(sshd.port),
              '--sftp-user',
              sshd.user,
              '--sftp-key-file',
              sshd.clientKey,
            ]),
          ),
        );
      } else peerNotes.push('rclone skipped: not installed');
    } else peerNotes.push('scp and rclone skipped: openssh-server or openssh-client missing');
  }

  let shapedRun: Measurement | undefined;
  let iperfGbps: number | undefined;
  if (options.shaped) {
    if (process.getuid?.() !== 0 || missing.includes('iperf3') || missing.includes('tc')) {
      peerNotes.push('shaped link skipped: needs root, iproute2 (ip, tc) and iperf3');
    } else {
      const link = createShapedLink(cleanup, 1000);
      progress('iperf3 over the shaped link …');
      const server = startProcess(cleanup, 'iperf3', ['-s', '-1', '-B', link.destinationAddress], {
        netns: link.destination,
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const client = startProcess(cleanup, 'iperf3', ['-c', link.destinationAddress, '-t', '8', '-J'], {
        netns: link.source,
      });
      let json = '';
      client.process.stdout?.on('data', (data: string) => {
        json += data;
      });
      await client.exited;
      await server.stop();
      iperfGbps = JSON.parse(json).end.sum_received.bits_per_second / 1e9;
      progress(`iperf3: ${round(iperfGbps)} Gbit/s`);
      const shapedFile = join(sourceRoot, 'shaped.bin');
      await writeLargeFile(shapedFile, options.shapedMiB);
      shapedRun = await add('tcpa over the 1 Gbit/s shaped veth', options.shapedMiB * MiB, 1, () =>
        ours(shapedFile, { sourceNs: link.source, destinationNs: link.destination, address: link.destinationAddress }),
      );
    }
  }

  const rawGbps = gbps(rawRun);
  const largeGbps = gbps(largeRun);
  const lines = [
    `transfer bench: ${options.sizeMiB} MiB file, ${options.files} small files (${(treeBytes / 2 ** 20).toFixed(0)} MiB), loopback; tcpa: ${options.streams} streams, ${options.chunkMiB} MiB chunks; machine shared, load ${loadavg()[0]?.toFixed(1)}`,
    `${'run'.padEnd(52)} ${'Gbit/s'.padStart(7)} ${'files/s'.padStart(8)} ${'CPU-s/GB'.padStart(9)} ${'vs raw'.padStart(7)}`,
    ...results.map((m) =>
      [
        m.name.padEnd(52),
        String(round(gbps(m))).padStart(7),
        (m.files > 1 ? String(Math.round(m.files / m.seconds)) : '-').padStart(8),
        String(round(m.cpuSeconds / (m.bytes / 1e9))).padStart(9),
        String(round((gbps(m) ?? 0) / (rawGbps ?? 1))).padStart(7),
      ].join(' '),
    ),
    ...(iperfGbps ? [`${'iperf3 over the shaped veth'.padEnd(52)} ${String(round(iperfGbps)).padStart(7)}`] : []),
    ...peerNotes,
    'CPU-s/GB: user+system of both ends (our roles count from the go, not Node start-up; tools and daemons whole).',
    JSON.stringify({
      rawGbps: round(rawGbps),
      largeGbps: round(largeGbps),
      ratioRaw: round(largeGbps && rawGbps ? largeGbps / rawGbps : undefined),
      rsyncGbps: round(gbps(rsyncRun)),
      ratioRsync: round(largeGbps && rsyncRun ? largeGbps / (gbps(rsyncRun) as number) : undefined),
      scpGbps: round(gbps(scpRun)),
      ratioScp: round(largeGbps && scpRun ? largeGbps / (gbps(scpRun) as number) : undefined),
      rcloneGbps: round(gbps(rcloneRun)),
      smallFilesPerSec: Math.round(smallRun.files / smallRun.seconds),
      shapedGbps: round(gbps(shapedRun)),
      iperfShapedGbps: round(iperfGbps),
      ratioShaped: round(shapedRun && iperfGbps ? (gbps(shapedRun) as number) / iperfGbps : undefined),
    }),
  ];
  return lines;
}

process.exitCode = await runBench({ usage: USAGE, parse, run: main });
