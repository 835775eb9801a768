/** iperf3, rsync and scp across a WAN link: the references bench:wan compares the engine with. */
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WanLink } from './wan-link.ts';

const IPERF_PORT = 5201;
const SSH_PORT = 2222;

function waitForExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('close', () => resolve());
  });
}

function collect(child: ChildProcess): { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  child.stdout?.on('data', (data: Buffer) => {
    out += data.toString();
  });
  child.stderr?.on('data', (data: Buffer) => {
    err += data.toString();
  });
  return { stdout: () => out, stderr: () => err };
}

/** iperf3 from A to B with `streams` parallel streams; Mbit/s the receiver counted (first 2 s omitted). */
export async function iperf3Mbps(link: WanLink, streams: number, seconds: number): Promise<number> {
  const server = link.spawnIn(link.nsB, 'iperf3', ['-s', '-1', '-p', String(IPERF_PORT), '-B', link.addrB]);
  await new Promise((resolve) => setTimeout(resolve, 300));
  try {
    const { stdout } = await link.exec(link.nsA, 'iperf3', [
      ...['-c', link.addrB, '-p', String(IPERF_PORT), '-t', String(seconds), '-O', '2'],
      ...['-P', String(streams), '-J'],
    ]);
    const report = JSON.parse(stdout) as { end?: { sum_received?: { bits_per_second?: number } } };
    return (report.end?.sum_received?.bits_per_second ?? 0) / 1e6;
  } finally {
    server.kill('SIGKILL');
    await waitForExit(server);
  }
}

/** An sshd in namespace B that lets root in with a key made for this run. */
export async function startSshd(link: WanLink, dir: string) {
  mkdirSync(dir, { recursive: true });
  mkdirSync('/run/sshd', { recursive: true });
  const hostKey = join(dir, 'host_key');
  const clientKey = join(dir, 'client_key');
  for (const key of [hostKey, clientKey]) {
    await link.exec(link.nsA, 'ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
  }
  const authorized = join(dir, 'authorized_keys');
  writeFileSync(authorized, readFileSync(`${clientKey}.pub`));
  chmodSync(authorized, 0o600);
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${SSH_PORT}`,
      `ListenAddress ${link.addrB}`,
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${authorized}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'PidFile none',
      'Subsystem sftp internal-sftp',
      '',
    ].join('\n'),
  );
  const sshd = link.spawnIn(link.nsB, '/usr/sbin/sshd', ['-D', '-e', '-f', config]);
  const output = collect(sshd);
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (sshd.exitCode !== null) throw new Error(`sshd did not start: ${output.stderr().trim()}`);
  const sshOptions = [
    ...['-i', clientKey, '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null'],
    ...['-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR'],
  ];
  return {
    sshOptions,
    async stop() {
      sshd.kill('SIGKILL');
      await waitForExit(sshd);
    },
  };
}

/**
 * Copies `source` for `seconds` with rsync or scp (one TCP stream through ssh, as people use them),
 * stops it, and returns Mbit/s from what landed. The first `warmupSeconds` are not counted.
 */
export async function copyToolMbps(
  link: WanLink,
  tool: 'rsync' | 'scp',
  sshOptions: string[],
  source: string,
  target: string,
  seconds: number,
): Promise<number> {
  rmSync(target, { force: true });
  const remote = `root@${link.addrB}:${target}`;
  const args =
    tool === 'scp'
      ? ['-P', String(SSH_PORT), ...sshOptions, source, remote]
      : ['--inplace', '-e', `ssh -p ${SSH_PORT} ${sshOptions.join(' ')}`, source, remote];
  const child = link.spawnIn(link.nsA, tool, args);
  const output = collect(child);
  const landed = () => {
    try {
      return statSync(target).size;
    } catch {
      return 0;
    }
  };
  // Count from the moment data lands, so ssh's handshake is not charged as path slowness.
  const deadline = Date.now() + (seconds + 10) * 1000;
  while (landed() === 0 && child.exitCode === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const startBytes = landed();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const bytes = landed() - startBytes;
  const elapsed = (performance.now() - started) / 1000;
  child.kill('SIGKILL');
  await waitForExit(child);
  rmSync(target, { force: true });
  if (bytes <= 0) throw new Error(`${tool} moved nothing: ${output.stderr().trim().slice(0, 300)}`);
  return (bytes * 8) / elapsed / 1e6;
}
