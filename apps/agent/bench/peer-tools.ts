// The tools a user would pick instead, each on a local port with throwaway keys and configs.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Cleanup } from '../../server/bench/cleanup.ts';
import { type Child, commandExists, startProcess } from './bench-process.ts';

const PACKAGES: Record<string, string> = {
  rsync: 'rsync',
  scp: 'openssh-client',
  'ssh-keygen': 'openssh-client',
  '/usr/sbin/sshd': 'openssh-server',
  rclone: 'rclone',
  iperf3: 'iperf3',
  tc: 'iproute2',
};

/** Installs missing Debian packages when root; otherwise says what to install. Returns what is still missing. */
export function ensureTools(log: (message: string) => void): string[] {
  const missing = Object.keys(PACKAGES).filter((tool) => !commandExists(tool));
  if (missing.length === 0) return [];
  const packages = [...new Set(missing.map((tool) => PACKAGES[tool] as string))];
  if (process.getuid?.() !== 0) {
    log(`missing ${missing.join(', ')}: run  sudo apt-get install -y ${packages.join(' ')}  (those runs are skipped)`);
    return missing;
  }
  log(`installing ${packages.join(' ')} …`);
  try {
    execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
    execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  return Object.keys(PACKAGES).filter((tool) => !commandExists(tool));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: Child): Promise<void> {
  const { connect } = await import('node:net');
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (child.process.exitCode !== null) throw new Error(`daemon on port ${port} exited`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listens on port ${port}`);
}

/** `rsync --daemon` in the foreground on a local port, one writable module `dst` at `destination`. */
export async function startRsyncDaemon(cleanup: Cleanup, dir: string, destination: string) {
  const port = await freePort();
  const config = join(dir, 'rsyncd.conf');
  writeFileSync(
    config,
    `use chroot = false\nuid = root\ngid = root\n[dst]\npath = ${destination}\nread only = false\n`,
  );
  const daemon = startProcess(cleanup, 'rsync', [
    '--daemon',
    '--no-detach',
    `--port=${port}`,
    `--config=${config}`,
    '--address=127.0.0.1',
  ]);
  await waitForPort(port, daemon);
  return { url: `rsync://127.0.0.1:${port}/dst/`, daemon };
}

/** An sshd on a local port with a throwaway host key, accepting one throwaway client key for this user. */
export async function startSshd(cleanup: Cleanup, dir: string) {
  const sshDir = dir;
  mkdirSync(sshDir, { mode: 0o700 });
  const hostKey = join(sshDir, 'host_ed25519');
  const clientKey = join(sshDir, 'client_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', clientKey]);
  const authorized = join(sshDir, 'authorized_keys');
  writeFileSync(authorized, readFileSync(`${clientKey}.pub`));
  chmodSync(authorized, 0o600);
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const port = await freePort();
  const config = join(sshDir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${authorized}`,
      `PidFile ${join(sshDir, 'sshd.pid')}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'StrictModes no',
      'UsePAM no',
      'Subsystem sftp internal-sftp',
      '',
    ].join('\n'),
  );
  const daemon = startProcess(cleanup, '/usr/sbin/sshd', ['-D', '-e', '-f', config]);
  await waitForPort(port, daemon);
  const user = execFileSync('id', ['-un'], { encoding: 'utf8' }).trim();
  const sshOptions = [
    '-i',
    clientKey,
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    `UserKnownHostsFile=${join(sshDir, 'known_hosts')}`,
    '-o',
    'LogLevel=ERROR',
  ];
  return { port, user, clientKey, sshOptions, daemon };
}
