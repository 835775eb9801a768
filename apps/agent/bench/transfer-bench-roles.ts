// The processes `npm run bench:transfer` starts: each side of each transfer runs alone, so its
// CPU time is counted apart. Usage: node --import tsx transfer-bench-roles.ts <role> (config in BENCH_CONFIG).
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { ensureDataChannelIdentity } from '../src/transfer/data-channel-identity.ts';
import { DataChannelServer } from '../src/transfer/data-channel-server.ts';
import { sendTransfer } from '../src/transfer/send-transfer.ts';
import type { SendTransferOptions } from '../src/transfer/send-transfer-types.ts';

const config = JSON.parse(process.env.BENCH_CONFIG ?? '{}');
const say = (line: string) => process.stdout.write(`${line}\n`);
// CPU is counted from here (modules loaded), so start-up does not weigh on CPU-seconds per GB.
let cpuFrom = process.cpuUsage();
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage(cpuFrom);
  return (user + system) / 1e6;
};
/** Senders wait for the bench's go (a line on stdin), so start-up is not timed either. */
const go = async () => {
  say('ready');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.pause();
  cpuFrom = process.cpuUsage();
};

switch (process.argv[2]) {
  // Raw reference: file → SHA-256 → plain TCP → SHA-256 → file, no protocol at all.
  case 'raw-receiver': {
    const server = createServer((socket) => {
      const hash = createHash('sha256');
      socket.on('data', (data: Buffer) => hash.update(data));
      // 1 MiB buffers on both sides, as the sender reads: the defaults (16 KiB) would hobble the reference.
      void pipeline(socket, createWriteStream(config.target, { highWaterMark: 1 << 20 })).then(() => {
        say(`done ${hash.digest('hex')}`);
        say(`cpu ${cpuSeconds()}`);
        server.close();
      });
    });
    server.listen(0, config.host, () => say(`port ${(server.address() as { port: number }).port}`));
    break;
  }
  case 'raw-sender': {
    await go();
    const hash = createHash('sha256');
    const socket = createConnection({ host: config.host, port: config.port });
    await new Promise((resolve) => socket.once('connect', resolve));
    for await (const piece of createReadStream(config.source, { highWaterMark: 1 << 20 })) {
      hash.update(piece as Buffer);
      if (!socket.write(piece)) await new Promise((resolve) => socket.once('drain', resolve));
    }
    socket.end();
    say(`sent ${hash.digest('hex')}`);
    say(`cpu ${cpuSeconds()}`);
    break;
  }
  case 'receiver': {
    const server = new DataChannelServer({
      identity: await ensureDataChannelIdentity(config.stateDir),
      agentId: 'bench-destination',
      roots: [config.root],
      jwks: config.jwks,
      host: config.host,
    });
    say(`port ${await server.listen()}`);
    cpuFrom = process.cpuUsage();
    process.once('SIGTERM', () => {
      say(`cpu ${cpuSeconds()}`);
      void server.close().finally(() => process.exit(0));
    });
    break;
  }
  case 'sender': {
    const options = config as SendTransferOptions;
    await go();
    const result = await sendTransfer(options).result;
    const failed = result.files.filter((file) => file.status === 'failed').slice(0, 3);
    say(`result ${JSON.stringify({ ok: result.ok, failed })}`);
    say(`cpu ${cpuSeconds()}`);
    process.exit(0); // flushes a --cpu-prof profile too
    break;
  }
  default:
    console.error(`unknown role ${process.argv[2]}`);
    process.exit(2);
}
