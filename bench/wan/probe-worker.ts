/**
 * Traffic probes that run inside a WAN link's namespace (started by probes.ts through
 * `ip netns exec`). One mode per process; results are one JSON line on stdout.
 *
 *   udp-echo PORT                      echoes datagrams; prints "ready"
 *   udp-ping HOST PORT COUNT GAP_MS    prints {"rttsMs": [...], "lost": n}
 *   tcp-sink PORT SAMPLE_MS SECONDS    takes one connection for SECONDS from its first byte; prints "ready",
 *                                      then {"samples": [[ms since first byte, bytes so far], ...]}
 *   tcp-source HOST PORT               sends as fast as TCP allows until the sink closes
 */
import { createSocket } from 'node:dgram';
import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const [mode = '', ...args] = process.argv.slice(2);

function elapsedMs(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

function udpEcho(port: number): void {
  const socket = createSocket('udp4');
  socket.on('message', (message, from) => socket.send(message, from.port, from.address));
  socket.bind(port, () => console.log('ready'));
}

async function udpPing(host: string, port: number, count: number, gapMs: number): Promise<void> {
  const socket = createSocket('udp4');
  const sentAt = new Map<number, bigint>();
  const rttsMs: number[] = [];
  socket.on('message', (message) => {
    const sent = sentAt.get(message.readUInt32BE(0));
    if (sent !== undefined) rttsMs.push(elapsedMs(sent));
  });
  for (let sequence = 0; sequence < count; sequence++) {
    const message = Buffer.alloc(64);
    message.writeUInt32BE(sequence, 0);
    sentAt.set(sequence, process.hrtime.bigint());
    socket.send(message, port, host);
    await sleep(gapMs);
  }
  const deadline = Date.now() + 3000;
  while (rttsMs.length < count && Date.now() < deadline) await sleep(10);
  socket.close();
  console.log(JSON.stringify({ rttsMs, lost: count - rttsMs.length }));
}

function tcpSink(port: number, sampleMs: number, seconds: number): void {
  const server = createServer((socket) => {
    server.close();
    let bytes = 0;
    let started: bigint | undefined;
    const samples: [number, number][] = [];
    const sample = () => {
      if (started === undefined) return;
      samples.push([elapsedMs(started), bytes]);
      if (elapsedMs(started) < seconds * 1000) return;
      clearInterval(timer);
      console.log(JSON.stringify({ samples }));
      socket.destroy();
    };
    const timer = setInterval(sample, sampleMs);
    socket.on('data', (chunk: Buffer) => {
      started ??= process.hrtime.bigint();
      bytes += chunk.length;
    });
    socket.on('error', () => undefined);
  });
  server.listen(port, () => console.log('ready'));
}

// Sends until the sink closes the connection (it decides how long a measurement lasts).
function tcpSource(host: string, port: number): void {
  const block = Buffer.alloc(256 * 1024);
  const socket = connect({ host, port });
  const pump = () => {
    while (socket.write(block)) {}
  };
  socket.on('connect', pump);
  socket.on('drain', pump);
  socket.on('error', () => socket.destroy());
  socket.on('close', () => process.exit(0));
}

const numberArgument = (index: number) => Number(args[index]);
switch (mode) {
  case 'udp-echo':
    udpEcho(numberArgument(0));
    break;
  case 'udp-ping':
    await udpPing(args[0] ?? '', numberArgument(1), numberArgument(2), numberArgument(3));
    break;
  case 'tcp-sink':
    tcpSink(numberArgument(0), numberArgument(1), numberArgument(2));
    break;
  case 'tcp-source':
    tcpSource(args[0] ?? '', numberArgument(1));
    break;
  default:
    console.error(`unknown probe mode "${mode}"`);
    process.exit(2);
}
