// Quick loopback throughput: our transfer (TLS 1.3, chunk CRC, SHA-256 both sides, journal) vs a raw
// reference (file → SHA-256 → plain TCP → SHA-256 → file). Each receiver runs in its own process.
// Usage: node --import tsx apps/agent/bench/transfer-bench.ts [sizeMiB=1024]
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { ensureDataChannelIdentity } from '../src/transfer/data-channel-identity.ts';
import { DataChannelServer } from '../src/transfer/data-channel-server.ts';
import { sendTransfer } from '../src/transfer/send-transfer.ts';

const role = process.argv[2];

if (role === 'raw-receiver') {
  const target = process.argv[3] as string;
  const server = createServer((socket) => {
    const hash = createHash('sha256');
    socket.on('data', (data: Buffer) => hash.update(data));
    void pipeline(socket, createWriteStream(target)).then(() => {
      process.stdout.write(`done ${hash.digest('hex')}\n`);
      server.close();
    });
  }).listen(0, '127.0.0.1', () => process.stdout.write(`port ${(server.address() as { port: number }).port}\n`));
} else if (role === 'receiver') {
  const config = JSON.parse(process.env.BENCH_RECEIVER ?? '{}');
  const server = new DataChannelServer({
    identity: ensureDataChannelIdentity(config.stateDir),
    agentId: 'bench-destination',
    roots: [config.root],
    jwks: config.jwks,
    host: '127.0.0.1',
  });
  process.stdout.write(`port ${await server.listen()}\n`);
  process.once('SIGTERM', () => process.exit(0));
} else {
  await main(Number(process.argv[2] ?? 1024));
}

function startSelf(args: string[], env: Record<string, string> = {}): { child: ChildProcess; line: Promise<string> } {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      ...args,
    ],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  child.stdout?.setEncoding('utf8').on('data', (data: string) => {
    lines.push(...data.split('\n').filter(Boolean));
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async (prefix: string): Promise<string> => {
    for (;;) {
      const found = lines.find((line) => line.startsWith(prefix));
      if (found) return found.slice(prefix.length);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { child, line: next('port ') };
}

function gbps(bytes: number, ms: number): string {
  return ((bytes * 8) / (ms / 1000) / 1e9).toFixed(2);
}

async function main(sizeMiB: number): Promise<void> {
  const base = mkdtempSync(join(tmpdir(), 'tcpa-bench-'));
  try {
    const sourceRoot = join(base, 'source');
    const destinationRoot = join(base, 'destination');
    mkdirSync(sourceRoot);
    mkdirSync(destinationRoot);
    const source = join(sourceRoot, 'large.bin');
    const block = randomBytes(64 << 20);
    const out = createWriteStream(source);
    for (let written = 0; written < sizeMiB; written += 64) {
      block.writeUInt32BE(written, 0);
      if (!out.write(Buffer.from(block))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));
    const size = sizeMiB << 20;

    // Raw reference.
    const raw = startSelf(['raw-receiver', join(destinationRoot, 'raw.bin')]);
    const rawPort = Number(await raw.line);
    let started = performance.now();
    const hash = createHash('sha256');
    const socket = createConnection({ host: '127.0.0.1', port: rawPort });
    await new Promise((resolve) => socket.once('connect', resolve));
    const done = new Promise<void>((resolve) => raw.child.once('exit', () => resolve()));
    for await (const piece of createReadStream(source, { highWaterMark: 1 << 20 })) {
      hash.update(piece as Buffer);
      if (!socket.write(piece)) await new Promise((resolve) => socket.once('drain', resolve));
    }
    socket.end();
    await done;
    const rawMs = performance.now() - started;
    rmSync(join(destinationRoot, 'raw.bin'));

    // Our transfer.
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'bench' }] };
    const stateDir = join(base, 'state');
    const identity = ensureDataChannelIdentity(stateDir);
    const receiver = startSelf(['receiver'], {
      BENCH_RECEIVER: JSON.stringify({ stateDir, root: destinationRoot, jwks }),
    });
    const port = Number(await receiver.line);
    const token = await new SignJWT({
      tid: 'bench',
      src: 'bench-source',
      dst: 'bench-destination',
      paths: [source],
      dir: destinationRoot,
    })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'tcpa-transfer+jwt', kid: 'bench' })
      .setExpirationTime('1h')
      .sign(privateKey);
    started = performance.now();
    const result = await sendTransfer({
      roots: [sourceRoot],
      paths: [source],
      destination: { host: '127.0.0.1', port, fingerprint: identity.fingerprint },
      token,
      streams: 4,
      chunkSize: 4 << 20,
    }).result;
    const oursMs = performance.now() - started;
    receiver.child.kill();
    if (!result.ok) throw new Error(`transfer failed: ${JSON.stringify(result.files)}`);
    console.log(
      `raw reference (TCP, SHA-256 both sides): ${gbps(size, rawMs)} Gbit/s (${(rawMs / 1000).toFixed(2)} s)`,
    );
    console.log(
      `tcpa transfer (TLS 1.3, 4 streams, 4 MiB chunks, verified): ${gbps(size, oursMs)} Gbit/s (${(oursMs / 1000).toFixed(2)} s)`,
    );
    console.log(
      JSON.stringify({
        sizeMiB,
        rawGbps: Number(gbps(size, rawMs)),
        largeGbps: Number(gbps(size, oursMs)),
        ratioRaw: Number((rawMs / oursMs).toFixed(2)),
      }),
    );
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
