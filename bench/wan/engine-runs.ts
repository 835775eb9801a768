/** Runs the transfer engine across a WAN link: a receiver in namespace B, senders in namespace A. */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TuningSetting } from '@tcpa/contracts';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import type { SenderConfig, SenderEnd, Tick } from './engine-roles.ts';
import type { WanLink } from './wan-link.ts';

const ROLES = fileURLToPath(new URL('./engine-roles.ts', import.meta.url));

export interface EngineRun {
  ticks: Tick[];
  end: SenderEnd;
}

function lines(child: ChildProcess, onLine: (line: string) => void) {
  let buffer = '';
  child.stdout?.setEncoding('utf8').on('data', (data: string) => {
    buffer += data;
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) if (line) onLine(line);
  });
}

function spawnNode(link: WanLink, ns: string, role: string, env: Record<string, string>) {
  return link.spawnIn(ns, process.execPath, ['--import', 'tsx', ROLES, role], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** One data-channel receiver per link, and signed tokens for each run (as the control plane would sign). */
export class EngineBench {
  private runCount = 0;
  private constructor(
    private readonly link: WanLink,
    private readonly receiver: ChildProcess,
    private readonly port: number,
    private readonly fingerprint: string,
    private readonly privateKey: CryptoKey,
    private readonly sourceRoot: string,
    private readonly destinationRoot: string,
  ) {}

  static async start(link: WanLink, base: string, sourceRoot: string): Promise<EngineBench> {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'bench' } as JWK] };
    const destinationRoot = join(base, 'destination');
    mkdirSync(destinationRoot, { recursive: true });
    const receiver = spawnNode(link, link.nsB, 'receiver', {
      BENCH_RECEIVER: JSON.stringify({ stateDir: join(base, 'receiver-state'), root: destinationRoot, jwks }),
    });
    let stderr = '';
    receiver.stderr?.on('data', (data: Buffer) => {
      stderr = (stderr + data.toString()).slice(-2000);
    });
    const ready = await new Promise<string>((resolve, reject) => {
      lines(receiver, (line) => {
        if (line.startsWith('port ')) resolve(line);
      });
      receiver.once('close', () => reject(new Error(`receiver exited: ${stderr.trim()}`)));
    });
    const [, port, fingerprint] = ready.split(' ');
    return new EngineBench(
      link,
      receiver,
      Number(port),
      fingerprint as string,
      privateKey as CryptoKey,
      sourceRoot,
      destinationRoot,
    );
  }

  /** Sends `path` for `durationMs` with each of `starts` at once (one sender process each), then cancels. */
  async run(
    path: string,
    starts: TuningSetting[],
    options: { tuner: boolean; durationMs: number; during?: (started: Promise<void>) => Promise<void> },
  ): Promise<EngineRun[]> {
    let markStarted = () => {};
    const started = new Promise<void>((resolve) => {
      markStarted = resolve;
    });
    const runs = starts.map(async (start) => {
      this.runCount += 1;
      const dir = `run-${this.runCount}`;
      const token = await new SignJWT({ tid: dir, att: 1, src: 'bench-source', paths: [path], dir })
        .setProtectedHeader({ alg: 'EdDSA', typ: 'tcpa-transfer+jwt', kid: 'bench' })
        .setAudience('bench-destination')
        .setJti(`${dir}:1`)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(this.privateKey);
      const config: SenderConfig = {
        host: this.link.addrB,
        port: this.port,
        fingerprint: this.fingerprint,
        token,
        root: this.sourceRoot,
        path,
        start,
        tuner: options.tuner,
        durationMs: options.durationMs,
        tickMs: 250,
      };
      const sender = spawnNode(this.link, this.link.nsA, 'sender', { BENCH_SENDER: JSON.stringify(config) });
      let stderr = '';
      sender.stderr?.on('data', (data: Buffer) => {
        stderr = (stderr + data.toString()).slice(-2000);
      });
      const ticks: Tick[] = [];
      let end: SenderEnd | undefined;
      lines(sender, (line) => {
        const parsed = JSON.parse(line);
        if (parsed.end) end = parsed;
        else ticks.push(parsed);
        markStarted();
      });
      await new Promise((resolve) => sender.once('close', resolve));
      rmSync(join(this.destinationRoot, dir), { recursive: true, force: true });
      if (!end) throw new Error(`sender ended without a report: ${stderr.trim().slice(-500)}`);
      if (end.error) throw new Error(`transfer failed: ${end.error}`);
      return { ticks, end };
    });
    const all = Promise.all(runs);
    all.catch(() => markStarted());
    await options.during?.(started);
    return all;
  }

  async stop(): Promise<void> {
    this.receiver.kill('SIGKILL');
    if (this.receiver.exitCode === null) await new Promise((resolve) => this.receiver.once('close', resolve));
  }
}
